import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import Synchronization
import XCTest

/// Failed authentication is throttled per client address and per key prefix, on the API and the
/// console's sign-in, with a 429 and `Retry-After` before any key lookup; the key cache keeps only
/// real keys, so a flood of random ones cannot push them out.
final class AuthThrottleTests: XCTestCase {
    /// A random key with a fixed beginning (the prefix the throttle counts by is its first 12 characters).
    private func wrongKey(_ prefix: String = "llmops-") -> String { prefix + Identifier.hex(bytes: 20) }

    func testOneAddressIsThrottledAfterItsFailuresUntilTheWindowEnds() async throws {
        let clock = ManualClock()
        let gw = try await GatewayHarness.start(clock: clock) {
            $0.server.auth.failuresPerAddress = 3
            $0.server.auth.failureWindowSeconds = 60
        }
        addTeardownBlock { await gw.stop() }
        for _ in 0..<3 {
            assertAPIError(try await gw.get("/api/traces", key: wrongKey()), status: 401, param: nil, code: "invalid_api_key",
                           messageContains: "Incorrect API key")
        }
        let status1 = try await gw.get("/api/traces", key: nil).status
        XCTAssertEqual(status1, 401, "a request without a key guesses nothing and is not throttled")
        clock.advance(by: 10)
        let throttled = try await gw.get("/api/traces", key: wrongKey())
        assertAPIError(throttled, status: 429, param: nil, code: "too_many_failed_authentications", messageContains: "try again in 50 s")
        XCTAssertEqual(throttled.header("retry-after"), "50")
        XCTAssertNotNil(throttled.json["error"]?["type"]?.stringValue)
        let realKey = try await gw.post("/v1/chat/completions", GatewayHarness.chat("hi"), key: gw.developer)
        XCTAssertEqual(realKey.status, 429, "the address is refused whatever key it presents")
        XCTAssertEqual(gw.mock.requests.count, 0)

        clock.advance(by: 50)
        let status2 = try await gw.get("/api/traces", key: gw.viewer).status
        XCTAssertEqual(status2, 200, "the window ended")
        let status3 = try await gw.get("/api/traces", key: wrongKey()).status
        XCTAssertEqual(status3, 401)
    }

    func testOnePrefixIsThrottledFromEveryAddressAndTheForwardedHeaderCountsOnlyWhenConfigured() async throws {
        let gw = try await GatewayHarness.start {
            $0.server.auth.failuresPerAddress = 2
            $0.server.auth.failuresPerPrefix = 4
            $0.server.auth.clientAddressHeader = "X-Forwarded-For"
        }
        addTeardownBlock { await gw.stop() }
        // Each attempt from its own address (as a trusted proxy reports it), all with keys beginning alike.
        for i in 0..<4 {
            let reply = try await gw.send(.GET, "/api/traces", key: wrongKey("llmops-AAAAA"), headers: [("x-forwarded-for", "1.2.3.\(i)")])
            XCTAssertEqual(reply.status, 401)
        }
        let throttled = try await gw.send(.GET, "/api/traces", key: wrongKey("llmops-AAAAA"), headers: [("x-forwarded-for", "9.9.9.9")])
        assertAPIError(throttled, status: 429, param: nil, code: "too_many_failed_authentications", messageContains: "Too many failed")
        let otherPrefix = try await gw.send(.GET, "/api/traces", key: wrongKey("llmops-BBBBB"), headers: [("x-forwarded-for", "9.9.9.9")])
        XCTAssertEqual(otherPrefix.status, 401, "another prefix from a fresh address is still looked up")
        // The proxy's entry is the last one; what the client wrote before it is not trusted.
        for _ in 0..<2 {
            _ = try await gw.send(.GET, "/api/traces", key: wrongKey("llmops-" + Identifier.hex(bytes: 3)),
                                  headers: [("x-forwarded-for", "\(Identifier.hex(bytes: 2)), 5.5.5.5")])
        }
        let sameProxyEntry = try await gw.send(.GET, "/api/traces", key: gw.viewer, headers: [("x-forwarded-for", "7.7.7.7, 5.5.5.5")])
        XCTAssertEqual(sameProxyEntry.status, 429)
    }

    func testAForwardedHeaderIsIgnoredUnlessConfigured() async throws {
        let gw = try await GatewayHarness.start { $0.server.auth.failuresPerAddress = 2 }
        addTeardownBlock { await gw.stop() }
        for i in 0..<2 {
            _ = try await gw.send(.GET, "/api/traces", key: wrongKey(), headers: [("x-forwarded-for", "10.0.0.\(i)")])
        }
        let reply = try await gw.send(.GET, "/api/traces", key: gw.viewer, headers: [("x-forwarded-for", "10.0.0.99")])
        XCTAssertEqual(reply.status, 429, "the connection's address counts, not a header the client wrote")
    }

    func testConsoleSignInIsThrottledToo() async throws {
        let gw = try await GatewayHarness.start { $0.server.auth.failuresPerAddress = 2 }
        addTeardownBlock { await gw.stop() }
        let browser = ConsoleBrowser(base: gw.base)
        for _ in 0..<2 {
            assertPage(try await browser.signIn(wrongKey()), status: 401, contains: ["That key was not accepted"])
        }
        let throttled = try await browser.signIn(gw.viewer)
        assertPage(throttled, status: 429, contains: ["Too many failed authentication attempts"])
        XCTAssertNotNil(throttled.header("retry-after"))
        XCTAssertNil(browser.cookies["llmops_session"])
        let status4 = try await gw.get("/api/traces", key: gw.viewer).status
        XCTAssertEqual(status4, 429, "the API and the console share the count")
    }

    /// A key store that counts lookups.
    private final class CountingKeyStore: KeyStore {
        let inner = InMemoryStore()
        let lookups = Atomic<Int>(0)
        func ensureProject(_ name: String) async throws { try await inner.ensureProject(name) }
        func projects() async throws -> [String] { try await inner.projects() }
        func insertKey(_ key: APIKey) async throws { try await inner.insertKey(key) }
        func key(secretHash: String) async throws -> APIKey? {
            lookups.add(1, ordering: .relaxed)
            return try await inner.key(secretHash: secretHash)
        }
        func listKeys(project: String?) async throws -> [APIKey] { try await inner.listKeys(project: project) }
        func revokeKey(id: String, at date: Date) async throws -> Bool { try await inner.revokeKey(id: id, at: date) }
        func expireKey(id: String, at date: Date) async throws -> Bool { try await inner.expireKey(id: id, at: date) }
    }

    func testAFloodOfRandomKeysDoesNotEvictRealOnes() async throws {
        let store = CountingKeyStore()
        let real = try await KeyIssuer(store: store).issue(project: "alpha", role: .viewer, name: "real").secret
        let authenticator = KeyAuthenticator(store: store, ttl: .seconds(3_600))
        _ = try await authenticator.authenticate(secret: real)
        XCTAssertEqual(store.lookups.load(ordering: .relaxed), 1)
        for _ in 0..<(KeyAuthenticator.cacheCapacity + 5_000) {
            do {
                _ = try await authenticator.authenticate(secret: wrongKey())
                XCTFail("a random key authenticated")
            } catch let error as OpsError {
                XCTAssertEqual(error.kind, .unauthorized)
            }
        }
        XCTAssertEqual(authenticator.cachedCount, 1, "unknown keys are not cached")
        let before = store.lookups.load(ordering: .relaxed)
        _ = try await authenticator.authenticate(secret: real)
        XCTAssertEqual(store.lookups.load(ordering: .relaxed), before, "the real key is still served from the cache")
    }

    func testAThrottledAttemptNeverReachesTheStore() async throws {
        let store = CountingKeyStore()
        let real = try await KeyIssuer(store: store).issue(project: "alpha", role: .viewer, name: "real").secret
        var settings = AuthSettings()
        settings.failuresPerAddress = 2
        let authenticator = KeyAuthenticator(store: store, ttl: .zero, settings: settings)
        for _ in 0..<2 { _ = try? await authenticator.authenticate(secret: wrongKey(), from: "192.0.2.1") }
        let before = store.lookups.load(ordering: .relaxed)
        for secret in [wrongKey(), real] {
            do {
                _ = try await authenticator.authenticate(secret: secret, from: "192.0.2.1")
                XCTFail("a throttled address authenticated")
            } catch let error as OpsError {
                XCTAssertEqual(error.kind, .rateLimited)
                XCTAssertEqual(error.retryAfter, "60")
            }
        }
        XCTAssertEqual(store.lookups.load(ordering: .relaxed), before)
        _ = try await authenticator.authenticate(secret: real, from: "192.0.2.2")
    }

    func testTheThrottleKeepsBoundedMemory() {
        let clock = ManualClock()
        var settings = AuthSettings()
        settings.failuresPerAddress = 3
        let throttle = AuthThrottle(settings: settings, clock: clock, capacity: 100)
        for _ in 0..<3 { throttle.recordFailure(address: "198.51.100.7", prefix: "llmops-x") }
        XCTAssertNotNil(throttle.retryAfter(address: "198.51.100.7", prefix: nil))
        clock.advance(by: 1)
        for i in 0..<5_000 { throttle.recordFailure(address: "10.\(i / 65_536).\(i / 256 % 256).\(i % 256)", prefix: "p\(i)") }
        let tracked = throttle.trackedCounts
        XCTAssertLessThanOrEqual(tracked.addresses, 100)
        XCTAssertLessThanOrEqual(tracked.prefixes, 100)
        clock.advance(by: 60)
        for i in 0..<50 { throttle.recordFailure(address: "192.0.2.\(i)", prefix: nil) }
        XCTAssertLessThanOrEqual(throttle.trackedCounts.addresses, 100)
        XCTAssertNil(throttle.retryAfter(address: "198.51.100.7", prefix: nil), "a window that ended blocks nothing")
    }
}
