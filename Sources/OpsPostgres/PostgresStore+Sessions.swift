import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    public func insertConsoleSession(_ session: ConsoleSession) async throws {
        try await run("starting a console session") {
            try await client.query("""
                INSERT INTO console_sessions (token_hash, key_id, project, created_at, expires_at) VALUES \
                (\(session.tokenHash), \(session.keyID), \(session.project), \(session.createdAt.epochMicros), \
                \(session.expiresAt.epochMicros))
                """, logger: logger)
        }
    }

    public func consoleSession(tokenHash: String) async throws -> (session: ConsoleSession, key: APIKey)? {
        // One round trip: the key's columns first (as `PostgresRowDecoder.key` reads them), then the session's.
        let columns = Self.keyColumns.split(separator: ",").map { "k." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
        return try await run("looking up a console session") {
            let rows = try await client.query("""
                SELECT \(unescaped: columns), s.token_hash, s.project, s.created_at, s.expires_at \
                FROM console_sessions s JOIN api_keys k ON k.id = s.key_id WHERE s.token_hash = \(tokenHash)
                """, logger: logger)
            for try await row in rows {
                let key = try PostgresRowDecoder.key(row)
                let c = row.makeRandomAccess()
                let session = ConsoleSession(tokenHash: try c[10].decode(String.self), keyID: key.id,
                                             project: try c[11].decode(String.self),
                                             createdAt: Date(epochMicros: try c[12].decode(Int64.self)),
                                             expiresAt: Date(epochMicros: try c[13].decode(Int64.self)))
                return (session, key)
            }
            return nil
        }
    }

    @discardableResult
    public func deleteConsoleSession(tokenHash: String) async throws -> Bool {
        try await run("ending a console session") {
            var found = false
            for try await _ in try await client.query(
                "DELETE FROM console_sessions WHERE token_hash = \(tokenHash) RETURNING token_hash", logger: logger) {
                found = true
            }
            return found
        }
    }

    @discardableResult
    public func deleteConsoleSessions(expiredBefore date: Date) async throws -> Int {
        try await run("deleting ended console sessions") {
            var count = 0
            for try await _ in try await client.query(
                "DELETE FROM console_sessions WHERE expires_at < \(date.epochMicros) RETURNING token_hash", logger: logger) {
                count += 1
            }
            return count
        }
    }
}
