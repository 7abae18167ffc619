import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    static let keyColumns = "id, project, name, role, secret_hash, prefix, created_at, revoked_at, expires_at, limits"

    public func ensureProject(_ name: String) async throws {
        try await run("creating project \(name)") {
            try await client.query(Self.insertProject(name, at: Date().epochMicros), logger: logger)
        }
    }

    public func projects() async throws -> [String] {
        try await run("listing projects") {
            var names: [String] = []
            for try await name in try await client.query("SELECT name FROM projects ORDER BY name", logger: logger)
                .decode(String.self) {
                names.append(name)
            }
            return names
        }
    }

    /// Stores the key, creating its project when it does not exist yet.
    public func insertKey(_ key: APIKey) async throws {
        try await run("inserting key \(key.id)") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query(Self.insertProject(key.project, at: key.createdAt.epochMicros),
                                           logger: self.logger)
                try await connection.query("""
                    INSERT INTO api_keys (\(unescaped: Self.keyColumns)) VALUES (\(key.id), \(key.project), \
                    \(PostgresText.clean(key.name)), \(key.role.rawValue), \(key.secretHash), \(key.prefix), \
                    \(key.createdAt.epochMicros), \(key.revokedAt?.epochMicros), \(key.expiresAt?.epochMicros), \
                    \(key.limits.isUnlimited ? nil : key.limits.json.serializedString()))
                    """, logger: self.logger)
            }
        }
    }

    public func key(secretHash: String) async throws -> APIKey? {
        try await run("looking up a key") {
            try await keys(
                "SELECT \(unescaped: Self.keyColumns) FROM api_keys WHERE secret_hash = \(secretHash)").first
        }
    }

    public func listKeys(project: String?) async throws -> [APIKey] {
        try await run("listing keys") {
            if let project {
                return try await keys("""
                    SELECT \(unescaped: Self.keyColumns) FROM api_keys WHERE project = \(project) \
                    ORDER BY created_at DESC, id DESC
                    """)
            }
            return try await keys("SELECT \(unescaped: Self.keyColumns) FROM api_keys ORDER BY created_at DESC, id DESC")
        }
    }

    /// Revoking twice keeps the first revocation time.
    public func revokeKey(id: String, at date: Date) async throws -> Bool {
        try await run("revoking key \(id)") {
            let rows = try await client.query("""
                UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(date.epochMicros)) WHERE id = \(id) RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows { found = true }
            return found
        }
    }

    /// Keeps an earlier expiry.
    public func expireKey(id: String, at date: Date) async throws -> Bool {
        try await run("expiring key \(id)") {
            let rows = try await client.query("""
                UPDATE api_keys SET expires_at = LEAST(COALESCE(expires_at, \(date.epochMicros)), \(date.epochMicros)) \
                WHERE id = \(id) RETURNING id
                """, logger: logger)
            var found = false
            for try await _ in rows { found = true }
            return found
        }
    }

    private func keys(_ query: PostgresQuery) async throws -> [APIKey] {
        var keys: [APIKey] = []
        for try await row in try await client.query(query, logger: logger) {
            keys.append(try PostgresRowDecoder.key(row))
        }
        return keys
    }

    private static func insertProject(_ name: String, at micros: Int64) -> PostgresQuery {
        "INSERT INTO projects (name, created_at) VALUES (\(name), \(micros)) ON CONFLICT (name) DO NOTHING"
    }
}
