import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    static let runColumns = """
        id, project, dataset, dataset_version, item_count, plan, status, author, created_at, finished_at, summary
        """
    static let experimentItemColumns = """
        item, output, latency, prompt_tokens, completion_tokens, cost, trace_id, scores, score_reasons, score_errors, error
        """

    public func createRun(_ run: ExperimentRun) async throws {
        try await self.run("creating experiment run \(run.id)") {
            try await client.query("""
                INSERT INTO experiment_runs (\(unescaped: Self.runColumns)) VALUES (\(run.id), \(run.project), \
                \(run.dataset), \(run.datasetVersion), \(run.itemCount), \(PostgresText.json(.object(run.plan))), \
                \(run.status.rawValue), \(PostgresText.clean(run.author)), \(run.createdAt.epochMicros), \
                \(run.finishedAt?.epochMicros), \(run.summary.map { PostgresText.json(.object($0)) }))
                """, logger: logger)
        }
    }

    public func run(id: String, project: String) async throws -> ExperimentRun? {
        try await self.run("reading experiment run \(id)") {
            try await experimentRuns("""
                SELECT \(unescaped: Self.runColumns) FROM experiment_runs WHERE id = \(id) AND project = \(project)
                """).first
        }
    }

    public func runs(project: String, limit: Int) async throws -> [ExperimentRun] {
        try await self.run("listing experiment runs") {
            try await experimentRuns("""
                SELECT \(unescaped: Self.runColumns) FROM experiment_runs WHERE project = \(project) \
                ORDER BY created_at DESC, id DESC LIMIT \(max(limit, 0))
                """)
        }
    }

    /// Locks the run row, checks every index, then upserts all items in one transaction.
    public func saveItems(runID: String, project: String, items: [ExperimentItemRecord]) async throws {
        try await self.run("saving \(items.count) items of experiment run \(runID)") {
            try await client.withTransaction(logger: logger) { connection in
                var count: Int?
                for try await value in try await connection.query("""
                    SELECT item_count FROM experiment_runs WHERE id = \(runID) AND project = \(project) FOR UPDATE
                    """, logger: self.logger).decode(Int.self) { count = value }
                if let error = Self.saveItemsError(runID: runID, itemCount: count, items: items) { throw error }
                for record in items {
                    try await connection.query("""
                        INSERT INTO experiment_items (run_id, \(unescaped: Self.experimentItemColumns)) VALUES (\(runID), \
                        \(record.item), \(PostgresText.clean(record.output)), \(record.latency), \(record.usage?.promptTokens), \
                        \(record.usage?.completionTokens), \(record.cost), \(PostgresText.clean(record.traceID)), \
                        \(PostgresText.json(.object(record.scores))), \(PostgresText.json(.object(record.scoreReasons))), \
                        \(PostgresText.json(.object(record.scoreErrors))), \
                        \(PostgresText.clean(record.error))) \
                        ON CONFLICT (run_id, item) DO UPDATE SET output = EXCLUDED.output, latency = EXCLUDED.latency, \
                        prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens, \
                        cost = EXCLUDED.cost, trace_id = EXCLUDED.trace_id, scores = EXCLUDED.scores, \
                        score_reasons = EXCLUDED.score_reasons, score_errors = EXCLUDED.score_errors, error = EXCLUDED.error
                        """, logger: self.logger)
                }
            }
        }
    }

    public func items(runID: String, project: String) async throws -> [ExperimentItemRecord] {
        try await self.run("reading items of experiment run \(runID)") {
            var items: [ExperimentItemRecord] = []
            for try await (item, output, latency, prompt, completion, cost, trace, scores, reasons, errors, error) in try await client.query("""
                SELECT \(unescaped: Self.experimentItemColumns) FROM experiment_items WHERE run_id = \(runID) \
                AND run_id IN (SELECT id FROM experiment_runs WHERE project = \(project)) ORDER BY item
                """, logger: logger).decode((Int, String?, Double?, Int?, Int?, Double?, String?, String, String, String, String?).self) {
                items.append(try StoredColumns.experimentItem(runID: runID, item: item, output: output, latency: latency,
                                                              promptTokens: prompt, completionTokens: completion, cost: cost,
                                                              traceID: trace, scores: scores, scoreReasons: reasons,
                                                              scoreErrors: errors, error: error))
            }
            return items
        }
    }

    public func finishRun(id: String, project: String, summary: JSONObject, at date: Date) async throws -> Bool {
        try await self.run("finishing experiment run \(id)") {
            var found = false
            for try await _ in try await client.query("""
                UPDATE experiment_runs SET status = 'finished', summary = \(PostgresText.json(.object(summary))), \
                finished_at = \(date.epochMicros) WHERE id = \(id) AND project = \(project) RETURNING id
                """, logger: logger) { found = true }
            return found
        }
    }

    private func experimentRuns(_ query: PostgresQuery) async throws -> [ExperimentRun] {
        var runs: [ExperimentRun] = []
        for try await (id, project, dataset, version, count, plan, status, author, created, finished, summary) in try await client
            .query(query, logger: logger)
            .decode((String, String, String, String, Int, String, String, String, Int64, Int64?, String?).self) {
            runs.append(try StoredColumns.experimentRun(id: id, project: project, dataset: dataset, datasetVersion: version,
                                                        itemCount: count, plan: plan, status: status, author: author,
                                                        createdAtMicros: created, finishedAtMicros: finished, summary: summary))
        }
        return runs
    }
}
