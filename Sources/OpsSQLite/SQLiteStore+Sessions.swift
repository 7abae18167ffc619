import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    public func insertConsoleSession(_ session: ConsoleSession) async throws {
        try await write("starting a console session") { db in
            try db.execute(sql: """
                INSERT INTO console_sessions (token_hash, key_id, project, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.keyID, session.project, session.createdAt.epochMicros,
                                 session.expiresAt.epochMicros])
        }
    }

    public func consoleSession(tokenHash: String) async throws -> (session: ConsoleSession, key: APIKey)? {
        // One read: the key's columns first (as `SQLiteRowDecoder.key` reads them), then the session's.
        let columns = Self.keyColumns.split(separator: ",").map { "k." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
        let found = try await read("looking up a console session") { db -> Row? in
            try Row.fetchOne(db, sql: """
                SELECT \(columns), s.token_hash, s.project, s.created_at, s.expires_at
                FROM console_sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.token_hash = ?
                """, arguments: [tokenHash])
        }
        guard let row = found else { return nil }
        let key = try SQLiteRowDecoder.key(row)
        let session = ConsoleSession(tokenHash: row[10], keyID: key.id, project: row[11],
                                     createdAt: Date(epochMicros: row[12]), expiresAt: Date(epochMicros: row[13]))
        return (session, key)
    }

    @discardableResult
    public func deleteConsoleSession(tokenHash: String) async throws -> Bool {
        try await write("ending a console session") { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE token_hash = ?", arguments: [tokenHash])
            return db.changesCount > 0
        }
    }

    @discardableResult
    public func deleteConsoleSessions(expiredBefore date: Date) async throws -> Int {
        try await write("deleting ended console sessions") { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE expires_at < ?", arguments: [date.epochMicros])
            return db.changesCount
        }
    }
}
