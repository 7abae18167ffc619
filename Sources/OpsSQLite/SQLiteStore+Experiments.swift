import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    static let runColumns = """
        id, project, dataset, dataset_version, item_count, plan, status, author, created_at, finished_at, summary
        """
    static let experimentItemColumns = """
        item, output, latency, prompt_tokens, completion_tokens, cost, trace_id, scores, score_reasons, score_errors, error
        """

    public func createRun(_ run: ExperimentRun) async throws {
        try await write("creating experiment run \(run.id)") { db in
            try db.execute(sql: "INSERT INTO experiment_runs (\(Self.runColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [run.id, run.project, run.dataset, run.datasetVersion, run.itemCount,
                                       SQLiteRowEncoder.json(.object(run.plan)), run.status.rawValue,
                                       SQLiteRowEncoder.text(run.author), run.createdAt.epochMicros,
                                       run.finishedAt?.epochMicros, run.summary.map { SQLiteRowEncoder.json(.object($0)) }])
        }
    }

    public func run(id: String, project: String) async throws -> ExperimentRun? {
        try await read("reading experiment run \(id)") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.runColumns) FROM experiment_runs WHERE id = ? AND project = ?",
                             arguments: [id, project]).map(SQLiteRowDecoder.experimentRun)
        }
    }

    public func runs(project: String, limit: Int) async throws -> [ExperimentRun] {
        try await read("listing experiment runs") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.runColumns) FROM experiment_runs WHERE project = ? ORDER BY created_at DESC, id DESC LIMIT ?
                """, arguments: [project, max(limit, 0)]).map(SQLiteRowDecoder.experimentRun)
        }
    }

    /// Checks the run and every index, then upserts all items in one transaction.
    public func saveItems(runID: String, project: String, items: [ExperimentItemRecord]) async throws {
        try await write("saving \(items.count) items of experiment run \(runID)") { db in
            let count = try Int.fetchOne(db, sql: "SELECT item_count FROM experiment_runs WHERE id = ? AND project = ?",
                                         arguments: [runID, project])
            if let error = Self.saveItemsError(runID: runID, itemCount: count, items: items) { throw error }
            let statement = try db.makeStatement(sql: """
                INSERT INTO experiment_items (run_id, \(Self.experimentItemColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
                ON CONFLICT (run_id, item) DO UPDATE SET output = excluded.output, latency = excluded.latency, \
                prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens, cost = excluded.cost, \
                trace_id = excluded.trace_id, scores = excluded.scores, score_reasons = excluded.score_reasons, \
                score_errors = excluded.score_errors, error = excluded.error
                """)
            for record in items {
                try statement.execute(arguments: [
                    runID, record.item, SQLiteRowEncoder.text(record.output), record.latency, record.usage?.promptTokens,
                    record.usage?.completionTokens, record.cost, SQLiteRowEncoder.text(record.traceID),
                    SQLiteRowEncoder.json(.object(record.scores)), SQLiteRowEncoder.json(.object(record.scoreReasons)),
                    SQLiteRowEncoder.json(.object(record.scoreErrors)),
                    SQLiteRowEncoder.text(record.error),
                ])
            }
        }
    }

    public func items(runID: String, project: String) async throws -> [ExperimentItemRecord] {
        try await read("reading items of experiment run \(runID)") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.experimentItemColumns) FROM experiment_items WHERE run_id = ? \
                AND run_id IN (SELECT id FROM experiment_runs WHERE project = ?) ORDER BY item
                """, arguments: [runID, project]).map { row in
                try StoredColumns.experimentItem(runID: runID, item: row[0], output: row[1], latency: row[2],
                                                 promptTokens: row[3], completionTokens: row[4], cost: row[5],
                                                 traceID: row[6], scores: row[7], scoreReasons: row[8], scoreErrors: row[9],
                                                 error: row[10])
            }
        }
    }

    public func finishRun(id: String, project: String, summary: JSONObject, at date: Date) async throws -> Bool {
        try await write("finishing experiment run \(id)") { db in
            try db.execute(sql: """
                UPDATE experiment_runs SET status = 'finished', summary = ?, finished_at = ? WHERE id = ? AND project = ?
                """, arguments: [SQLiteRowEncoder.json(.object(summary)), date.epochMicros, id, project])
            return db.changesCount > 0
        }
    }
}

extension SQLiteRowDecoder {
    /// A row of `SQLiteStore.runColumns`.
    static func experimentRun(_ row: Row) throws -> ExperimentRun {
        try StoredColumns.experimentRun(id: row[0], project: row[1], dataset: row[2], datasetVersion: row[3],
                                        itemCount: row[4], plan: row[5], status: row[6], author: row[7],
                                        createdAtMicros: row[8], finishedAtMicros: row[9], summary: row[10])
    }
}
