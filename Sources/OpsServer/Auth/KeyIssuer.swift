import Foundation
import OpsCore

/// Creates keys: a fresh secret shown once, stored only as its hash.
public struct KeyIssuer: Sendable {
    let store: any KeyStore
    let clock: any WallClock

    public init(store: any KeyStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Issues a new random key, or registers `secret` when given (the bootstrap admin key from
    /// `LLMOPS_ADMIN_KEY`); returns the stored key and the secret.
    public func issue(project: String, role: Role, name: String?, secret: String? = nil,
                      expiresAt: Date? = nil, limits: KeyLimits = KeyLimits()) async throws -> (key: APIKey, secret: String) {
        let secret = secret ?? KeySecret.generate()
        try await store.ensureProject(project)
        let key = APIKey(project: project, name: name, role: role, secretHash: KeySecret.hash(secret),
                         prefix: KeySecret.displayPrefix(secret), createdAt: clock.now(), expiresAt: expiresAt,
                         limits: limits)
        try await store.insertKey(key)
        return (key, secret)
    }

    /// A new key with the old one's project, role, name, limits and expiry; the old key keeps
    /// working for `grace` seconds more, so clients can switch without downtime.
    public func rotate(_ old: APIKey, grace: Double) async throws -> (key: APIKey, secret: String) {
        let issued = try await issue(project: old.project, role: old.role, name: old.name, expiresAt: old.expiresAt,
                                     limits: old.limits)
        _ = try await store.expireKey(id: old.id, at: clock.now().addingTimeInterval(max(0, grace)))
        return issued
    }
}
