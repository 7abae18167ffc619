import Foundation
import OpsCore
import Synchronization

/// Finds the key a request presents. Lookups are cached for a few seconds, by the presented
/// secret, so the request path rarely hashes or touches the store; revocations made through this
/// server drop the cache at once, those made on another replica take effect within `ttl`.
public final class KeyAuthenticator: Sendable {
    private struct Cached {
        var key: APIKey?
        var fetchedAt: ContinuousClock.Instant
    }

    private let store: any KeyStore
    private let clock: any WallClock
    private let ttl: Duration
    private let cache = Mutex<[String: Cached]>([:])

    public init(store: any KeyStore, clock: any WallClock = SystemClock(), ttl: Duration = .seconds(5)) {
        self.store = store
        self.clock = clock
        self.ttl = ttl
    }

    /// The active key for `secret`, or a 401 saying why not.
    public func authenticate(secret: String?) async throws -> APIKey {
        guard let secret, !secret.isEmpty else {
            throw OpsError(.unauthorized, "Missing API key: send 'Authorization: Bearer <key>'", code: "missing_api_key")
        }
        let now = ContinuousClock.now
        var found: APIKey?
        if let cached = cache.withLock({ $0[secret] }), cached.fetchedAt.duration(to: now) < ttl {
            found = cached.key
        } else {
            let hash = KeySecret.hash(secret)
            found = try await store.key(secretHash: hash)
            // The store found the row by its hash index; compare again in constant time before trusting it.
            if let key = found, !KeySecret.constantTimeEquals(key.secretHash, hash) { found = nil }
            cache.withLock { c in
                if c.count > 10_000 { c.removeAll() }
                c[secret] = Cached(key: found, fetchedAt: now)
            }
        }
        guard let key = found else {
            throw OpsError(.unauthorized, "Incorrect API key provided", code: "invalid_api_key")
        }
        guard key.isActive(at: clock.now()) else {
            throw OpsError(.unauthorized, "This API key has been revoked or has expired", code: "invalid_api_key")
        }
        return key
    }

    /// Forgets cached lookups (after a revocation).
    public func invalidate() { cache.withLock { $0.removeAll() } }
}
