import OpsCore

/// Makes sure a fresh installation can be used: the first start creates an admin key for the
/// `default` project and shows it once, or registers the one given in `LLMOPS_ADMIN_KEY`.
public struct AdminBootstrap: Sendable {
    public enum Outcome: Sendable {
        case created(secret: String)
        case registered
        case existing
    }

    let store: any OpsStore

    public init(store: any OpsStore) { self.store = store }

    public func ensureAdmin(secret: String?) async throws -> Outcome {
        if let secret, !secret.isEmpty {
            if try await store.key(secretHash: KeySecret.hash(secret)) == nil {
                _ = try await KeyIssuer(store: store).issue(project: "default", role: .admin, name: "bootstrap", secret: secret)
            }
            return .registered
        }
        let keys = try await store.listKeys(project: nil)
        if keys.contains(where: { $0.role == .admin && $0.revokedAt == nil }) { return .existing }
        let issued = try await KeyIssuer(store: store).issue(project: "default", role: .admin, name: "bootstrap")
        return .created(secret: issued.secret)
    }
}
