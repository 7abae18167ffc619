import Foundation
import OpsCore
import Synchronization

/// Finds the key a request presents. Lookups are cached for a few seconds, by the presented
/// secret, so the request path rarely hashes or touches the store; revocations made through this
/// server drop the cache at once, those made on another replica take effect within `ttl`.
///
/// Only secrets the store knows are cached: an unknown one is looked up every time it is presented
/// (the `AuthThrottle` bounds how often), so a flood of random keys cannot push real keys out.
public final class KeyAuthenticator: Sendable {
    private struct Cached {
        var key: APIKey
        var fetchedAt: ContinuousClock.Instant
    }

    /// Keys cached at most; past it, entries older than `ttl` go, then all (real keys only, so
    /// this takes more keys than a deployment has).
    static let cacheCapacity = 10_000

    private let store: any KeyStore
    private let clock: any WallClock
    private let ttl: Duration
    private let cache = Mutex<[String: Cached]>([:])
    /// Failed attempts per client address and key prefix.
    public let throttle: AuthThrottle
    /// The header a trusted proxy puts the client's address in, if configured.
    public let clientAddressHeader: String?

    public init(store: any KeyStore, clock: any WallClock = SystemClock(), ttl: Duration = .seconds(5),
                settings: AuthSettings = AuthSettings()) {
        self.store = store
        self.clock = clock
        self.ttl = ttl
        throttle = AuthThrottle(settings: settings, clock: clock)
        clientAddressHeader = settings.clientAddressHeader
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
            if let key = found {
                let ttl = self.ttl
                cache.withLock { c in
                    if c.count >= Self.cacheCapacity {
                        c = c.filter { $0.value.fetchedAt.duration(to: now) < ttl }
                        if c.count >= Self.cacheCapacity { c.removeAll() }
                    }
                    c[secret] = Cached(key: key, fetchedAt: now)
                }
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

    /// `authenticate(secret:)` behind the throttle: a client address or key prefix with too many
    /// recent failures gets a 429 with `Retry-After` before any lookup; a failure here counts.
    /// A request without a key is refused without counting: it guesses nothing.
    public func authenticate(secret: String?, from address: @autoclosure () -> String?) async throws -> APIKey {
        guard let secret, !secret.isEmpty else { return try await authenticate(secret: secret) }
        let prefix = AuthThrottle.prefix(of: secret)
        if let wait = throttle.retryAfter(address: address(), prefix: prefix) {
            throw Self.throttled(retryAfter: wait)
        }
        do {
            return try await authenticate(secret: secret)
        } catch let error as OpsError where error.kind == .unauthorized {
            throttle.recordFailure(address: address(), prefix: prefix)
            throw error
        }
    }

    /// The 429 a throttled attempt gets.
    static func throttled(retryAfter seconds: Int) -> OpsError {
        OpsError(.rateLimited, "Too many failed authentication attempts; try again in \(seconds) s",
                 code: "too_many_failed_authentications", headers: ["retry-after": String(seconds)])
    }

    /// Keys cached now, for tests of the cache's bound.
    var cachedCount: Int { cache.withLock { $0.count } }

    /// Forgets cached lookups (after a revocation).
    public func invalidate() { cache.withLock { $0.removeAll() } }
}
