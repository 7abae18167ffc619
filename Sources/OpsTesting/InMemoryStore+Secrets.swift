import OpsCore

extension InMemoryStore {
    public func putSecret(_ secret: StoredSecret) async throws { try await secretStore.putSecret(secret) }

    public func secret(named name: String) async throws -> StoredSecret? { try await secretStore.secret(named: name) }

    public func secrets() async throws -> [StoredSecret] { try await secretStore.secrets() }

    public func deleteSecret(named name: String) async throws -> Bool { try await secretStore.deleteSecret(named: name) }

    public func resealSecrets(_ reseal: @escaping @Sendable (StoredSecret) throws -> StoredSecret) async throws -> Int {
        try await secretStore.resealSecrets(reseal)
    }
}
