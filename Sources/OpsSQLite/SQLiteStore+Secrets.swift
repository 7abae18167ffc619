import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    public func putSecret(_ secret: StoredSecret) async throws {
        try await write("storing a secret") { db in
            try db.execute(sql: """
                INSERT INTO secrets (name, key_id, nonce, ciphertext, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET key_id = excluded.key_id, nonce = excluded.nonce,
                    ciphertext = excluded.ciphertext, updated_at = excluded.updated_at
                """, arguments: [secret.name, secret.keyID, secret.nonce, secret.ciphertext, secret.createdAt.epochMicros,
                                 secret.updatedAt.epochMicros])
        }
    }

    public func secret(named name: String) async throws -> StoredSecret? {
        try await read("reading a secret") { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.secretColumns) FROM secrets WHERE name = ?", arguments: [name]).map(Self.storedSecret)
        }
    }

    public func secrets() async throws -> [StoredSecret] {
        try await read("listing secrets") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.secretColumns) FROM secrets ORDER BY name").map(Self.storedSecret)
        }
    }

    public func deleteSecret(named name: String) async throws -> Bool {
        try await write("deleting a secret") { db in
            try db.execute(sql: "DELETE FROM secrets WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func resealSecrets(_ reseal: @escaping @Sendable (StoredSecret) throws -> StoredSecret) async throws -> Int {
        try await write("resealing secrets") { db in
            let all = try Row.fetchAll(db, sql: "SELECT \(Self.secretColumns) FROM secrets ORDER BY name").map(Self.storedSecret)
            for old in all {
                let new = try reseal(old)
                try db.execute(sql: "UPDATE secrets SET key_id = ?, nonce = ?, ciphertext = ?, updated_at = ? WHERE name = ?",
                               arguments: [new.keyID, new.nonce, new.ciphertext, new.updatedAt.epochMicros, old.name])
            }
            return all.count
        }
    }

    private static let secretColumns = "name, key_id, nonce, ciphertext, created_at, updated_at"

    private static func storedSecret(_ row: Row) -> StoredSecret {
        StoredSecret(name: row[0], keyID: row[1], nonce: row[2], ciphertext: row[3], createdAt: Date(epochMicros: row[4]),
                     updatedAt: Date(epochMicros: row[5]))
    }
}
