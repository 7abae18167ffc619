import Foundation
import NIOHTTP1
import OpsCore
@testable import OpsServer
import XCTest

/// Two `llmops serve` replicas on one PostgreSQL: limits, budgets and route changes hold across
/// both. Needs `LLMOPS_TEST_POSTGRES_URL` (`make test` sets it).
final class TwoReplicaTests: XCTestCase {
    private func sharedURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            XCTFail("LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
            throw XCTSkip("no PostgreSQL")
        }
        return base + (base.contains("?") ? "&" : "?") + "schema=replicas_" + Identifier.hex(bytes: 6)
    }

    /// A 60-requests-per-minute key hammered through both replicas at once gets 60 answers, not
    /// 60 per replica. (Limits replenish continuously, one request per second for this key, so
    /// the bound is 60 plus the seconds the burst took.)
    func testRequestLimitHoldsAcrossReplicas() async throws {
        let url = try sharedURL()
        let a = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await a.stop() }
        let b = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await b.stop() }
        let key = try await KeyIssuer(store: a.server.services.store)
            .issue(project: "alpha", role: .developer, name: "sixty", limits: KeyLimits(requestsPerMinute: 60)).secret
        let started = ContinuousClock.now
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var seen: [Int] = []
                    for i in stride(from: worker, to: 100, by: 8) {
                        let replica = i % 2 == 0 ? a : b
                        seen.append(try await replica.post("/v1/chat/completions", GatewayHarness.chat("q\(i)"), key: key).status)
                    }
                    return seen
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        let seconds = started.duration(to: .now).components.seconds
        let ok = statuses.filter { $0 == 200 }.count
        XCTAssertEqual(statuses.count, 100)
        XCTAssertEqual(Set(statuses), [200, 429])
        XCTAssertGreaterThanOrEqual(ok, 60)
        XCTAssertLessThanOrEqual(ok, 60 + Int(seconds), "at most 60 in the burst across both replicas (took \(seconds) s)")
        XCTAssertEqual(a.mock.requests.count + b.mock.requests.count, ok, "refused calls never reached an upstream")
    }

    func testBudgetSpentOnOneReplicaStopsTheOther() async throws {
        let url = try sharedURL()
        let a = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await a.stop() }
        let b = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await b.stop() }
        let key = try await KeyIssuer(store: a.server.services.store)
            .issue(project: "alpha", role: .developer, name: "budget", limits: KeyLimits(dailyBudgetUSD: 0.000001)).secret
        let spent = try await a.post("/v1/chat/completions", GatewayHarness.chat("spend it all"), key: key)
        XCTAssertEqual(spent.status, 200)
        let refused = try await b.post("/v1/chat/completions", GatewayHarness.chat("more"), key: key)
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.json["error"]?["code"]?.stringValue, "budget_exceeded")
    }

    func testRouteChangeOnOneReplicaReachesTheOther() async throws {
        let url = try sharedURL()
        let a = try await GatewayHarness.start(storageURL: url) { $0.server.routesPollMs = 100 }
        addTeardownBlock { await a.stop() }
        let b = try await GatewayHarness.start(storageURL: url) { $0.server.routesPollMs = 100 }
        addTeardownBlock { await b.stop() }
        let routes: JSONValue = ["routes": [["name": "chat", "deployments": [["model": "mock-claude", "weight": 1]]]]]
        let applied = try await a.send(.PUT, "/api/routes", key: a.admin, body: routes.serialized())
        XCTAssertEqual(applied.status, 200, applied.text)
        let deadline = ContinuousClock.now + .seconds(5)
        var seen: Int?
        while ContinuousClock.now < deadline {
            seen = try await b.get("/api/routes", key: b.viewer).json["version"]?.intValue
            if seen == applied.json["version"]?.intValue { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTAssertEqual(seen, applied.json["version"]?.intValue, "replica b switched to the new routes")
        let reply = try await b.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: b.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.header("x-llmops-deployment"), "mock-claude")
    }
}
