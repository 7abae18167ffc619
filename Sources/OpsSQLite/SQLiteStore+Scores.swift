import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    static let scoreColumns = """
        id, project, trace_id, run_id, item, name, kind, number, label, comment, source, author, queue_id, created_at
        """
    static let definitionColumns = "project, name, kind, min, max, categories, description, author, created_at"

    public func createScoreDefinition(_ definition: ScoreDefinition) async throws {
        try await write("creating score definition \(definition.name)") { db in
            let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM score_definitions WHERE project = ? AND name = ?",
                                           arguments: [definition.project, definition.name]) ?? false
            if exists { throw Self.duplicateDefinition(definition.name) }
            let rule = StoredColumns.columns(of: definition.rule)
            try db.execute(sql: "INSERT INTO score_definitions (\(Self.definitionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [definition.project, definition.name, rule.kind, rule.min, rule.max, rule.categories,
                                       SQLiteRowEncoder.text(definition.description), SQLiteRowEncoder.text(definition.author),
                                       definition.createdAt.epochMicros])
        }
    }

    public func scoreDefinition(project: String, name: String) async throws -> ScoreDefinition? {
        try await read("reading score definition \(name)") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.definitionColumns) FROM score_definitions WHERE project = ? AND name = ?",
                             arguments: [project, name]).map(SQLiteRowDecoder.scoreDefinition)
        }
    }

    public func scoreDefinitions(project: String) async throws -> [ScoreDefinition] {
        try await read("listing score definitions") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.definitionColumns) FROM score_definitions WHERE project = ? ORDER BY name",
                             arguments: [project]).map(SQLiteRowDecoder.scoreDefinition)
        }
    }

    public func insertScores(_ scores: [Score]) async throws {
        guard !scores.isEmpty else { return }
        try await write("storing \(scores.count) scores") { db in try Self.insert(scores, in: db) }
    }

    /// Inserts within the caller's transaction (a queue item is completed with its scores).
    static func insert(_ scores: [Score], in db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO scores (\(scoreColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for score in scores {
            let target = StoredColumns.columns(of: score.target)
            let value = StoredColumns.columns(of: score.value)
            try statement.execute(arguments: [
                score.id, score.project, SQLiteRowEncoder.text(target.traceID), SQLiteRowEncoder.text(target.runID), target.item,
                score.name, value.kind, value.number, SQLiteRowEncoder.text(value.label), SQLiteRowEncoder.text(score.comment),
                score.source.rawValue, SQLiteRowEncoder.text(score.author), score.queueID, score.createdAt.epochMicros,
            ])
        }
    }

    public func scores(project: String, target: ScoreTarget) async throws -> [Score] {
        try await read("reading scores of \(target.label)") { db in
            switch target {
            case .trace(let id):
                return try Row.fetchAll(db, sql: """
                    SELECT \(Self.scoreColumns) FROM scores WHERE project = ? AND trace_id = ? ORDER BY created_at, id
                    """, arguments: [project, id]).map(SQLiteRowDecoder.score)
            case .experimentItem(let runID, let item):
                return try Row.fetchAll(db, sql: """
                    SELECT \(Self.scoreColumns) FROM scores WHERE project = ? AND run_id = ? AND item = ? ORDER BY created_at, id
                    """, arguments: [project, runID, item]).map(SQLiteRowDecoder.score)
            }
        }
    }

    public func scores(project: String, runID: String) async throws -> [Score] {
        try await read("reading scores of run \(runID)") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.scoreColumns) FROM scores WHERE project = ? AND run_id = ? ORDER BY item, created_at, id
                """, arguments: [project, runID]).map(SQLiteRowDecoder.score)
        }
    }
}

extension SQLiteRowDecoder {
    /// A row of `SQLiteStore.scoreColumns`.
    static func score(_ row: Row) throws -> Score {
        try StoredColumns.score(id: row[0], project: row[1], traceID: row[2], runID: row[3], item: row[4], name: row[5],
                                kind: row[6], number: row[7], label: row[8], comment: row[9], source: row[10], author: row[11],
                                queueID: row[12], createdAtMicros: row[13])
    }

    /// A row of `SQLiteStore.definitionColumns`.
    static func scoreDefinition(_ row: Row) throws -> ScoreDefinition {
        try StoredColumns.scoreDefinition(project: row[0], name: row[1], kind: row[2], min: row[3], max: row[4],
                                          categories: row[5], description: row[6], author: row[7], createdAtMicros: row[8])
    }
}
