import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Keys keep their limits; expiring keeps the earlier date.
    public func contractKeyLimitsAndExpiry() async throws {
        let limits = KeyLimits(requestsPerMinute: 60, tokensPerMinute: 100_000, dailyBudgetUSD: 5, monthlyBudgetUSD: 50,
                               routes: ["chat", "embed"])
        let key = APIKey(id: "key-limited", project: "p", role: .developer, secretHash: String(repeating: "c", count: 64),
                         prefix: "llmops-cc", createdAt: Date(timeIntervalSince1970: 100), limits: limits)
        try await store.insertKey(key)
        let read = try await store.key(secretHash: key.secretHash)
        XCTAssertEqual(read?.limits, limits)
        let plain = APIKey(id: "key-plain", project: "p", role: .viewer, secretHash: String(repeating: "d", count: 64),
                           prefix: "llmops-dd", createdAt: Date(timeIntervalSince1970: 100))
        try await store.insertKey(plain)
        let readPlain = try await store.key(secretHash: plain.secretHash)
        XCTAssertEqual(readPlain?.limits, KeyLimits())

        let expired = try await store.expireKey(id: "key-limited", at: Date(timeIntervalSince1970: 500))
        XCTAssertTrue(expired)
        let later = try await store.expireKey(id: "key-limited", at: Date(timeIntervalSince1970: 900))
        XCTAssertTrue(later)
        let afterExpiry = try await store.key(secretHash: key.secretHash)
        XCTAssertEqual(afterExpiry?.expiresAt, Date(timeIntervalSince1970: 500), "an earlier expiry is kept")
        let missing = try await store.expireKey(id: "no-such-key", at: Date())
        XCTAssertFalse(missing)
    }

    /// Limit states: absent until written, written back atomically, removed when set to nil, and
    /// concurrent transactions on the same key never lose an update.
    public func contractLimitStates() async throws {
        let empty = try await store.transact(["a", "b"]) { states in states.present.count }
        XCTAssertEqual(empty, 0)
        try await store.transact(["a"]) { states in states["a"] = LimitState(value: 1.5, stamp: 10) }
        let read = try await store.transact(["a", "b"]) { states in states.present }
        XCTAssertEqual(read, ["a": LimitState(value: 1.5, stamp: 10)])
        try await store.transact(["a"]) { states in states["a"] = nil }
        let cleared = try await store.transact(["a"]) { states in states["a"] }
        XCTAssertNil(cleared)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await self.store.transact(["counter"]) { states in
                        states["counter", default: LimitState()].value += 1
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = try await store.transact(["counter"]) { states in states["counter"]?.value }
        XCTAssertEqual(total, 40, "no increment lost")
    }

    /// Route changes are numbered from 1 and read back newest first.
    public func contractRouteChanges() async throws {
        let none = try await store.latestRouteChange()
        XCTAssertNil(none)
        let routes: JSONValue = ["routes": [["name": "chat", "deployments": [["model": "a", "weight": 1]]]]]
        let first = try await store.appendRouteChange(actor: "key-1", at: Date(timeIntervalSince1970: 10), routes: routes)
        let second = try await store.appendRouteChange(actor: "cli", at: Date(timeIntervalSince1970: 20), routes: ["routes": []])
        XCTAssertEqual([first.version, second.version], [1, 2])
        let latest = try await store.latestRouteChange()
        XCTAssertEqual(latest, second)
        let all = try await store.routeChanges(limit: 10)
        XCTAssertEqual(all.map(\.version), [2, 1])
        XCTAssertEqual(all.last?.routes, routes)
        XCTAssertEqual(all.last?.actor, "key-1")
        let one = try await store.routeChange(version: 1)
        XCTAssertEqual(one?.createdAt, Date(timeIntervalSince1970: 10))
        let missing = try await store.routeChange(version: 3)
        XCTAssertNil(missing)

        // Each project numbers its own changes and sees only them; the instance's stay apart.
        let alpha = try await store.appendRouteChange(project: "alpha", actor: "key-a", at: Date(timeIntervalSince1970: 30), routes: routes)
        let beta1 = try await store.appendRouteChange(project: "beta", actor: "key-b", at: Date(timeIntervalSince1970: 40), routes: ["routes": []])
        let beta2 = try await store.appendRouteChange(project: "beta", actor: "key-b", at: Date(timeIntervalSince1970: 50), routes: routes)
        XCTAssertEqual([alpha.version, beta1.version, beta2.version], [1, 1, 2])
        XCTAssertEqual(alpha.project, "alpha")
        let alphaChanges = try await store.routeChanges(project: "alpha", limit: 10)
        XCTAssertEqual(alphaChanges.map(\.actor), ["key-a"])
        let betaOne = try await store.routeChange(project: "beta", version: 1)
        XCTAssertEqual(betaOne?.routes, ["routes": []])
        let alphaTwo = try await store.routeChange(project: "alpha", version: 2)
        XCTAssertNil(alphaTwo, "beta's version 2 is not alpha's")
        let instanceLatest = try await store.latestRouteChange()
        XCTAssertEqual(instanceLatest, second, "project changes leave the instance's newest as it was")
        let versions = try await store.routeVersions()
        XCTAssertEqual(versions, ["": 2, "alpha": 1, "beta": 2])
    }
}
