import Foundation
import OpsCore

/// A `SecretStore` in memory, with the database stores' upsert and all-or-none reseal.
public actor InMemorySecretStore: SecretStore {
    private var byName: [String: StoredSecret] = [:]

    public init() {}

    public func putSecret(_ secret: StoredSecret) async throws {
        var stored = secret
        if let existing = byName[secret.name] { stored.createdAt = existing.createdAt }
        byName[secret.name] = stored
    }

    public func secret(named name: String) async throws -> StoredSecret? { byName[name] }

    public func secrets() async throws -> [StoredSecret] { byName.values.sorted { $0.name < $1.name } }

    public func deleteSecret(named name: String) async throws -> Bool { byName.removeValue(forKey: name) != nil }

    public func resealSecrets(_ reseal: @escaping @Sendable (StoredSecret) throws -> StoredSecret) async throws -> Int {
        var resealed = byName
        for (name, old) in byName {
            var new = try reseal(old)
            new.name = name
            new.createdAt = old.createdAt
            resealed[name] = new
        }
        byName = resealed
        return resealed.count
    }
}
