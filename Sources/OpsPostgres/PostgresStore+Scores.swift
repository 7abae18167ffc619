import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    static let scoreColumns = """
        id, project, trace_id, run_id, item, name, kind, number, label, comment, source, author, queue_id, created_at
        """
    static let definitionColumns = "project, name, kind, min, max, categories, description, author, created_at"

    /// The primary key makes a second definition with the same name fail, from any replica.
    public func createScoreDefinition(_ definition: ScoreDefinition) async throws {
        let rule = StoredColumns.columns(of: definition.rule)
        let inserted = try await run("creating score definition \(definition.name)") {
            var inserted = false
            for try await _ in try await client.query("""
                INSERT INTO score_definitions (\(unescaped: Self.definitionColumns)) VALUES (\(definition.project), \
                \(definition.name), \(rule.kind), \(rule.min), \(rule.max), \(rule.categories), \
                \(PostgresText.clean(definition.description)), \(PostgresText.clean(definition.author)), \
                \(definition.createdAt.epochMicros)) ON CONFLICT (project, name) DO NOTHING RETURNING name
                """, logger: logger) { inserted = true }
            return inserted
        }
        if !inserted { throw Self.duplicateDefinition(definition.name) }
    }

    public func scoreDefinition(project: String, name: String) async throws -> ScoreDefinition? {
        try await run("reading score definition \(name)") {
            try await Self.definitions(client.query("""
                SELECT \(unescaped: Self.definitionColumns) FROM score_definitions WHERE project = \(project) AND name = \(name)
                """, logger: logger)).first
        }
    }

    public func scoreDefinitions(project: String) async throws -> [ScoreDefinition] {
        try await run("listing score definitions") {
            try await Self.definitions(client.query("""
                SELECT \(unescaped: Self.definitionColumns) FROM score_definitions WHERE project = \(project) ORDER BY name
                """, logger: logger))
        }
    }

    public func insertScores(_ scores: [Score]) async throws {
        guard !scores.isEmpty else { return }
        try await run("storing \(scores.count) scores") {
            try await client.withTransaction(logger: logger) { connection in
                try await Self.insert(scores, on: connection, logger: self.logger)
            }
        }
    }

    /// Inserts within the caller's transaction (a queue item is completed with its scores).
    static func insert(_ scores: [Score], on connection: PostgresConnection, logger: Logger) async throws {
        for score in scores {
            let target = StoredColumns.columns(of: score.target)
            let value = StoredColumns.columns(of: score.value)
            try await connection.query("""
                INSERT INTO scores (\(unescaped: scoreColumns)) VALUES (\(score.id), \(score.project), \
                \(PostgresText.clean(target.traceID)), \(PostgresText.clean(target.runID)), \(target.item), \(score.name), \
                \(value.kind), \(value.number), \(PostgresText.clean(value.label)), \(PostgresText.clean(score.comment)), \
                \(score.source.rawValue), \(PostgresText.clean(score.author)), \(score.queueID), \(score.createdAt.epochMicros))
                """, logger: logger)
        }
    }

    public func scores(project: String, target: ScoreTarget) async throws -> [Score] {
        try await run("reading scores of \(target.label)") {
            switch target {
            case .trace(let id):
                return try await Self.scores(client.query("""
                    SELECT \(unescaped: Self.scoreColumns) FROM scores WHERE project = \(project) AND trace_id = \(id) \
                    ORDER BY created_at, id
                    """, logger: logger))
            case .experimentItem(let runID, let item):
                return try await Self.scores(client.query("""
                    SELECT \(unescaped: Self.scoreColumns) FROM scores WHERE project = \(project) AND run_id = \(runID) \
                    AND item = \(item) ORDER BY created_at, id
                    """, logger: logger))
            }
        }
    }

    public func scores(project: String, runID: String) async throws -> [Score] {
        try await run("reading scores of run \(runID)") {
            try await Self.scores(client.query("""
                SELECT \(unescaped: Self.scoreColumns) FROM scores WHERE project = \(project) AND run_id = \(runID) \
                ORDER BY item, created_at, id
                """, logger: logger))
        }
    }

    private static func scores(_ rows: PostgresRowSequence) async throws -> [Score] {
        var out: [Score] = []
        for try await (id, project, trace, run, item, name, kind, number, label, comment, source, author, queue, created) in rows
            .decode((String, String, String?, String?, Int?, String, String, Double?, String?, String?, String, String, String?, Int64).self) {
            out.append(try StoredColumns.score(id: id, project: project, traceID: trace, runID: run, item: item, name: name, kind: kind,
                                               number: number, label: label, comment: comment, source: source, author: author,
                                               queueID: queue, createdAtMicros: created))
        }
        return out
    }

    private static func definitions(_ rows: PostgresRowSequence) async throws -> [ScoreDefinition] {
        var out: [ScoreDefinition] = []
        for try await (project, name, kind, min, max, categories, description, author, created) in rows
            .decode((String, String, String, Double?, Double?, String?, String, String, Int64).self) {
            out.append(try StoredColumns.scoreDefinition(project: project, name: name, kind: kind, min: min, max: max,
                                                         categories: categories, description: description, author: author,
                                                         createdAtMicros: created))
        }
        return out
    }
}
