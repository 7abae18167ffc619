import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    static let promptVersionColumns = "name, number, kind, body, config, author, commit_message, created_at"

    /// Numbers the version from the prompt row's counter, in the same write transaction as the insert.
    public func createVersion(_ draft: PromptDraft, project: String) async throws -> PromptVersion {
        let now = Date().epochMicros
        return try await write("creating a version of prompt \(draft.name)") { db in
            try db.execute(sql: """
                INSERT INTO prompts (project, name, latest_version, created_at) VALUES (?, ?, 0, ?) \
                ON CONFLICT (project, name) DO NOTHING
                """, arguments: [project, draft.name, now])
            try db.execute(sql: "UPDATE prompts SET latest_version = latest_version + 1 WHERE project = ? AND name = ?",
                           arguments: [project, draft.name])
            let number = try Int.fetchOne(db, sql: "SELECT latest_version FROM prompts WHERE project = ? AND name = ?",
                                          arguments: [project, draft.name]) ?? 1
            try db.execute(sql: """
                INSERT INTO prompt_versions (project, \(Self.promptVersionColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, draft.name, number, draft.body.kind.rawValue,
                                 SQLiteRowEncoder.json(StoredColumns.promptBodyJSON(draft.body)),
                                 SQLiteRowEncoder.json(.object(draft.config)), SQLiteRowEncoder.text(draft.author),
                                 SQLiteRowEncoder.text(draft.commitMessage), now])
            return try Self.promptVersion(project: project, name: draft.name, number: number, db: db)!
        }
    }

    public func version(project: String, name: String, number: Int) async throws -> PromptVersion? {
        try await read("reading prompt \(name)@\(number)") { db in
            try Self.promptVersion(project: project, name: name, number: number, db: db)
        }
    }

    public func latestVersion(project: String, name: String) async throws -> PromptVersion? {
        try await read("reading prompt \(name)") { db in
            guard let latest = try Int.fetchOne(db, sql: "SELECT latest_version FROM prompts WHERE project = ? AND name = ?",
                                                arguments: [project, name]) else { return nil }
            return try Self.promptVersion(project: project, name: name, number: latest, db: db)
        }
    }

    public func versions(project: String, name: String) async throws -> [PromptVersion] {
        try await read("listing versions of prompt \(name)") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.promptVersionColumns) FROM prompt_versions WHERE project = ? AND name = ? ORDER BY number
                """, arguments: [project, name]).map(SQLiteRowDecoder.promptVersion)
        }
    }

    public func prompts(project: String) async throws -> [Prompt] {
        try await read("listing prompts") { db in
            var labels: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT prompt, label, version FROM prompt_labels WHERE project = ?",
                                        arguments: [project]) {
                labels[row[0], default: [:]][row[1]] = row[2]
            }
            return try Row.fetchAll(db, sql: """
                SELECT name, created_at, latest_version FROM prompts WHERE project = ? ORDER BY name
                """, arguments: [project]).map { row in
                let name: String = row[0]
                return Prompt(name: name, createdAt: Date(epochMicros: row[1]), latestVersion: row[2],
                              labels: labels[name] ?? [:])
            }
        }
    }

    public func labels(project: String, name: String) async throws -> [PromptLabel] {
        try await read("listing labels of prompt \(name)") { db in
            try Row.fetchAll(db, sql: """
                SELECT label, version, updated_at FROM prompt_labels WHERE project = ? AND prompt = ? ORDER BY label
                """, arguments: [project, name]).map { row in
                PromptLabel(prompt: name, label: row[0], version: row[1], updatedAt: Date(epochMicros: row[2]))
            }
        }
    }

    /// The check, the label and its audit record in one write transaction.
    @discardableResult
    public func moveLabel(project: String, name: String, label: String, to version: Int,
                          actor: String) async throws -> LabelMove {
        try Prompt.validateLabel(label)
        let now = Date().epochMicros
        return try await write("moving label \(label) of prompt \(name)") { db throws -> LabelMove in
            let latest = try Int.fetchOne(db, sql: "SELECT latest_version FROM prompts WHERE project = ? AND name = ?",
                                          arguments: [project, name])
            if let error = Self.labelMoveError(name: name, version: version, latest: latest) { throw error }
            let from = try Int.fetchOne(db, sql: """
                SELECT version FROM prompt_labels WHERE project = ? AND prompt = ? AND label = ?
                """, arguments: [project, name, label])
            try db.execute(sql: """
                INSERT INTO prompt_labels (project, prompt, label, version, updated_at) VALUES (?, ?, ?, ?, ?) \
                ON CONFLICT (project, prompt, label) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at
                """, arguments: [project, name, label, version, now])
            try db.execute(sql: """
                INSERT INTO prompt_label_moves (project, prompt, label, from_version, to_version, actor, moved_at) \
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, name, label, from, version, SQLiteRowEncoder.text(actor), now])
            return LabelMove(prompt: name, label: label, from: from, to: version, actor: actor, at: Date(epochMicros: now))
        }
    }

    public func labelMoves(project: String, name: String) async throws -> [LabelMove] {
        try await read("listing label moves of prompt \(name)") { db in
            try Row.fetchAll(db, sql: """
                SELECT label, from_version, to_version, actor, moved_at FROM prompt_label_moves \
                WHERE project = ? AND prompt = ? ORDER BY seq
                """, arguments: [project, name]).map { row in
                LabelMove(prompt: name, label: row[0], from: row[1], to: row[2], actor: row[3],
                          at: Date(epochMicros: row[4]))
            }
        }
    }

    private static func promptVersion(project: String, name: String, number: Int, db: Database) throws -> PromptVersion? {
        try Row.fetchOne(db, sql: """
            SELECT \(promptVersionColumns) FROM prompt_versions WHERE project = ? AND name = ? AND number = ?
            """, arguments: [project, name, number]).map(SQLiteRowDecoder.promptVersion)
    }
}
