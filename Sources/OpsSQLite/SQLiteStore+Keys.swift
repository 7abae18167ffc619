import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    static let keyColumns = "id, project, name, role, secret_hash, prefix, created_at, revoked_at, expires_at, limits"

    public func ensureProject(_ name: String) async throws {
        let now = Date().epochMicros
        try await write("creating project \(name)") { db in
            try Self.ensureProject(name, at: now, db: db)
        }
    }

    public func projects() async throws -> [String] {
        try await read("listing projects") { db in
            try String.fetchAll(db, sql: "SELECT name FROM projects ORDER BY name")
        }
    }

    /// Stores the key, creating its project when it does not exist yet.
    public func insertKey(_ key: APIKey) async throws {
        try await write("inserting key \(key.id)") { db in
            try Self.ensureProject(key.project, at: key.createdAt.epochMicros, db: db)
            try db.execute(
                sql: "INSERT INTO api_keys (\(Self.keyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [key.id, key.project, key.name, key.role.rawValue, key.secretHash, key.prefix,
                            key.createdAt.epochMicros, key.revokedAt?.epochMicros, key.expiresAt?.epochMicros,
                            key.limits.isUnlimited ? nil : key.limits.json.serializedString()])
        }
    }

    public func key(secretHash: String) async throws -> APIKey? {
        try await read("looking up a key") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.keyColumns) FROM api_keys WHERE secret_hash = ?",
                             arguments: [secretHash]).map(SQLiteRowDecoder.key)
        }
    }

    public func listKeys(project: String?) async throws -> [APIKey] {
        try await read("listing keys") { db in
            let order = "ORDER BY created_at DESC, id DESC"
            if let project {
                return try Row.fetchAll(db, sql: "SELECT \(Self.keyColumns) FROM api_keys WHERE project = ? \(order)",
                                        arguments: [project]).map(SQLiteRowDecoder.key)
            }
            return try Row.fetchAll(db, sql: "SELECT \(Self.keyColumns) FROM api_keys \(order)")
                .map(SQLiteRowDecoder.key)
        }
    }

    /// Revoking twice keeps the first revocation time.
    public func revokeKey(id: String, at date: Date) async throws -> Bool {
        try await write("revoking key \(id)") { db in
            try db.execute(sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                           arguments: [date.epochMicros, id])
            return db.changesCount > 0
        }
    }

    /// Keeps an earlier expiry.
    public func expireKey(id: String, at date: Date) async throws -> Bool {
        try await write("expiring key \(id)") { db in
            try db.execute(sql: "UPDATE api_keys SET expires_at = MIN(COALESCE(expires_at, ?), ?) WHERE id = ?",
                           arguments: [date.epochMicros, date.epochMicros, id])
            return db.changesCount > 0
        }
    }

    private static func ensureProject(_ name: String, at micros: Int64, db: Database) throws {
        try db.execute(sql: "INSERT INTO projects (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                       arguments: [name, micros])
    }
}
