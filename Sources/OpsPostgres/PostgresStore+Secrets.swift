import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    public func putSecret(_ secret: StoredSecret) async throws {
        let created = secret.createdAt.epochMicros
        let updated = secret.updatedAt.epochMicros
        try await run("storing a secret") {
            try await client.query("""
                INSERT INTO secrets (name, key_id, nonce, ciphertext, created_at, updated_at) \
                VALUES (\(secret.name), \(secret.keyID), \(secret.nonce), \(secret.ciphertext), \(created), \(updated)) \
                ON CONFLICT (name) DO UPDATE SET key_id = EXCLUDED.key_id, nonce = EXCLUDED.nonce, \
                ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at
                """, logger: logger)
        }
    }

    public func secret(named name: String) async throws -> StoredSecret? {
        try await run("reading a secret") {
            try await secretRows(client.query("SELECT \(unescaped: Self.secretColumns) FROM secrets WHERE name = \(name)", logger: logger)).first
        }
    }

    public func secrets() async throws -> [StoredSecret] {
        try await run("listing secrets") {
            try await secretRows(client.query("SELECT \(unescaped: Self.secretColumns) FROM secrets ORDER BY name", logger: logger))
        }
    }

    public func deleteSecret(named name: String) async throws -> Bool {
        try await run("deleting a secret") {
            let rows = try await client.query("DELETE FROM secrets WHERE name = \(name) RETURNING name", logger: logger)
            var deleted = false
            for try await _ in rows.decode(String.self) { deleted = true }
            return deleted
        }
    }

    /// The rows are locked for the transaction, so a `secrets set` on another host waits for the
    /// rotation and then writes under whichever key it loaded (its key id says which).
    public func resealSecrets(_ reseal: @escaping @Sendable (StoredSecret) throws -> StoredSecret) async throws -> Int {
        try await run("resealing secrets") {
            try await client.withTransaction(logger: logger) { connection in
                let all = try await self.secretRows(connection.query(
                    "SELECT \(unescaped: Self.secretColumns) FROM secrets ORDER BY name FOR UPDATE", logger: self.logger))
                for old in all {
                    let new = try reseal(old)
                    let updated = new.updatedAt.epochMicros
                    try await connection.query("""
                        UPDATE secrets SET key_id = \(new.keyID), nonce = \(new.nonce), ciphertext = \(new.ciphertext), \
                        updated_at = \(updated) WHERE name = \(old.name)
                        """, logger: self.logger)
                }
                return all.count
            }
        }
    }

    private static let secretColumns = "name, key_id, nonce, ciphertext, created_at, updated_at"

    private func secretRows(_ rows: PostgresRowSequence) async throws -> [StoredSecret] {
        var out: [StoredSecret] = []
        for try await (name, keyID, nonce, ciphertext, created, updated) in rows.decode((String, String, String, String, Int64, Int64).self) {
            out.append(StoredSecret(name: name, keyID: keyID, nonce: nonce, ciphertext: ciphertext,
                                    createdAt: Date(epochMicros: created), updatedAt: Date(epochMicros: updated)))
        }
        return out
    }
}
