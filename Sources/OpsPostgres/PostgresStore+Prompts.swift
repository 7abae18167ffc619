import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    static let promptVersionColumns = "name, number, kind, body, config, author, commit_message, created_at"

    /// Numbers the version from the prompt row's counter: the UPDATE locks the row, so concurrent
    /// pushes to one prompt (from any replica) get consecutive numbers.
    public func createVersion(_ draft: PromptDraft, project: String) async throws -> PromptVersion {
        let now = Date().epochMicros
        let body = PostgresText.json(StoredColumns.promptBodyJSON(draft.body))
        let config = PostgresText.json(.object(draft.config))
        return try await run("creating a version of prompt \(draft.name)") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("""
                    INSERT INTO prompts (project, name, latest_version, created_at) VALUES (\(project), \(draft.name), 0, \(now)) \
                    ON CONFLICT (project, name) DO NOTHING
                    """, logger: self.logger)
                var number = 0
                for try await value in try await connection.query("""
                    UPDATE prompts SET latest_version = latest_version + 1 WHERE project = \(project) AND name = \(draft.name) \
                    RETURNING latest_version
                    """, logger: self.logger).decode(Int.self) { number = value }
                try await connection.query("""
                    INSERT INTO prompt_versions (project, \(unescaped: Self.promptVersionColumns)) VALUES (\(project), \
                    \(draft.name), \(number), \(draft.body.kind.rawValue), \(body), \(config), \
                    \(PostgresText.clean(draft.author)), \(PostgresText.clean(draft.commitMessage)), \(now))
                    """, logger: self.logger)
                return try await Self.promptVersions(connection.query("""
                    SELECT \(unescaped: Self.promptVersionColumns) FROM prompt_versions \
                    WHERE project = \(project) AND name = \(draft.name) AND number = \(number)
                    """, logger: self.logger))[0]
            }
        }
    }

    public func version(project: String, name: String, number: Int) async throws -> PromptVersion? {
        try await run("reading prompt \(name)@\(number)") {
            try await Self.promptVersions(client.query("""
                SELECT \(unescaped: Self.promptVersionColumns) FROM prompt_versions \
                WHERE project = \(project) AND name = \(name) AND number = \(number)
                """, logger: logger)).first
        }
    }

    public func latestVersion(project: String, name: String) async throws -> PromptVersion? {
        try await run("reading prompt \(name)") {
            try await Self.promptVersions(client.query("""
                SELECT \(unescaped: Self.promptVersionColumns) FROM prompt_versions \
                WHERE project = \(project) AND name = \(name) ORDER BY number DESC LIMIT 1
                """, logger: logger)).first
        }
    }

    public func versions(project: String, name: String) async throws -> [PromptVersion] {
        try await run("listing versions of prompt \(name)") {
            try await Self.promptVersions(client.query("""
                SELECT \(unescaped: Self.promptVersionColumns) FROM prompt_versions \
                WHERE project = \(project) AND name = \(name) ORDER BY number
                """, logger: logger))
        }
    }

    public func prompts(project: String) async throws -> [Prompt] {
        try await run("listing prompts") {
            var labels: [String: [String: Int]] = [:]
            for try await (prompt, label, version) in try await client.query("""
                SELECT prompt, label, version FROM prompt_labels WHERE project = \(project)
                """, logger: logger).decode((String, String, Int).self) {
                labels[prompt, default: [:]][label] = version
            }
            var prompts: [Prompt] = []
            for try await (name, created, latest) in try await client.query("""
                SELECT name, created_at, latest_version FROM prompts WHERE project = \(project) ORDER BY name
                """, logger: logger).decode((String, Int64, Int).self) {
                prompts.append(Prompt(name: name, createdAt: Date(epochMicros: created), latestVersion: latest,
                                      labels: labels[name] ?? [:]))
            }
            return prompts
        }
    }

    public func labels(project: String, name: String) async throws -> [PromptLabel] {
        try await run("listing labels of prompt \(name)") {
            var labels: [PromptLabel] = []
            for try await (label, version, updated) in try await client.query("""
                SELECT label, version, updated_at FROM prompt_labels WHERE project = \(project) AND prompt = \(name) \
                ORDER BY label
                """, logger: logger).decode((String, Int, Int64).self) {
                labels.append(PromptLabel(prompt: name, label: label, version: version, updatedAt: Date(epochMicros: updated)))
            }
            return labels
        }
    }

    /// Locks the prompt row, checks the version, moves the label and records the move, in one transaction.
    @discardableResult
    public func moveLabel(project: String, name: String, label: String, to version: Int,
                          actor: String) async throws -> LabelMove {
        try Prompt.validateLabel(label)
        let now = Date().epochMicros
        return try await run("moving label \(label) of prompt \(name)") {
            try await client.withTransaction(logger: logger) { connection in
                var latest: Int?
                for try await value in try await connection.query("""
                    SELECT latest_version FROM prompts WHERE project = \(project) AND name = \(name) FOR UPDATE
                    """, logger: self.logger).decode(Int.self) { latest = value }
                if let error = Self.labelMoveError(name: name, version: version, latest: latest) { throw error }
                var from: Int?
                for try await value in try await connection.query("""
                    SELECT version FROM prompt_labels WHERE project = \(project) AND prompt = \(name) AND label = \(label)
                    """, logger: self.logger).decode(Int.self) { from = value }
                try await connection.query("""
                    INSERT INTO prompt_labels (project, prompt, label, version, updated_at) \
                    VALUES (\(project), \(name), \(label), \(version), \(now)) \
                    ON CONFLICT (project, prompt, label) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
                    """, logger: self.logger)
                try await connection.query("""
                    INSERT INTO prompt_label_moves (project, prompt, label, from_version, to_version, actor, moved_at) \
                    VALUES (\(project), \(name), \(label), \(from), \(version), \(PostgresText.clean(actor)), \(now))
                    """, logger: self.logger)
                return LabelMove(prompt: name, label: label, from: from, to: version, actor: PostgresText.clean(actor),
                                 at: Date(epochMicros: now))
            }
        }
    }

    public func labelMoves(project: String, name: String) async throws -> [LabelMove] {
        try await run("listing label moves of prompt \(name)") {
            var moves: [LabelMove] = []
            for try await (label, from, to, actor, at) in try await client.query("""
                SELECT label, from_version, to_version, actor, moved_at FROM prompt_label_moves \
                WHERE project = \(project) AND prompt = \(name) ORDER BY seq
                """, logger: logger).decode((String, Int?, Int, String, Int64).self) {
                moves.append(LabelMove(prompt: name, label: label, from: from, to: to, actor: actor, at: Date(epochMicros: at)))
            }
            return moves
        }
    }

    private static func promptVersions(_ rows: PostgresRowSequence) async throws -> [PromptVersion] {
        var versions: [PromptVersion] = []
        for try await (name, number, kind, body, config, author, message, created) in rows
            .decode((String, Int, String, String, String, String, String, Int64).self) {
            versions.append(try StoredColumns.promptVersion(name: name, number: number, kind: kind, body: body,
                                                            config: config, author: author, commitMessage: message,
                                                            createdAtMicros: created))
        }
        return versions
    }
}
