import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// Rate limits, budgets and route restrictions of keys, projects and routes, as clients see them.
final class KeyLimitsTests: XCTestCase {
    func testRequestsPerMinuteStopWithAnOpenAIStyle429() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let limited = try await KeyIssuer(store: gw.server.services.store)
            .issue(project: "alpha", role: .developer, name: "limited", limits: KeyLimits(requestsPerMinute: 3)).secret
        for i in 0..<3 {
            let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q\(i)"), key: limited)
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(reply.header("x-ratelimit-limit-requests"), "3")
            XCTAssertEqual(reply.header("x-ratelimit-remaining-requests"), String(2 - i))
            XCTAssertNotNil(reply.header("x-ratelimit-reset-requests"))
        }
        let refused = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q4"), key: limited)
        XCTAssertEqual(refused.status, 429)
        XCTAssertEqual(refused.json["error"]?["code"]?.stringValue, "rate_limit_exceeded")
        let message = refused.json["error"]?["message"]?.stringValue ?? ""
        XCTAssertTrue(message.contains("requests per minute") && message.contains("limit 3") && message.contains("resets in"), message)
        XCTAssertEqual(refused.header("x-ratelimit-remaining-requests"), "0")
        XCTAssertNotNil(Int(refused.header("retry-after") ?? ""))
        XCTAssertEqual(gw.mock.requests.count, 3, "the refused call never reached the upstream")
        let trace = try await gw.get("/api/traces/\(refused.header("x-llmops-trace-id") ?? "")", key: gw.admin).json
        XCTAssertEqual(trace["http_status"]?.intValue, 429)
        // Other keys are not affected.
        let other = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: gw.developer)
        XCTAssertEqual(other.status, 200)
        XCTAssertNil(other.header("x-ratelimit-limit-requests"))
    }

    func testDailyBudgetStopsOnceSpent() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        // The mock model costs $1 / $2 per million tokens: one call costs a few millionths of a dollar.
        let limited = try await KeyIssuer(store: gw.server.services.store)
            .issue(project: "alpha", role: .developer, name: "budget", limits: KeyLimits(dailyBudgetUSD: 0.000001)).secret
        let first = try await gw.post("/v1/chat/completions", GatewayHarness.chat("spend"), key: limited)
        XCTAssertEqual(first.status, 200)
        let second = try await gw.post("/v1/chat/completions", GatewayHarness.chat("spend more"), key: limited)
        XCTAssertEqual(second.status, 429)
        XCTAssertEqual(second.json["error"]?["code"]?.stringValue, "budget_exceeded")
        XCTAssertEqual(second.json["error"]?["type"]?.stringValue, "insufficient_quota")
        XCTAssertTrue(second.json["error"]?["message"]?.stringValue?.contains("daily budget") == true)
        XCTAssertEqual(gw.mock.requests.count, 1)
    }

    func testProjectAndRouteLimitsApplyToEveryKey() async throws {
        let r = try await RoutedGateway.start(route: { $0.limits.requestsPerMinute = 2 })
        addTeardownBlock { await r.stop() }
        let a = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("1", model: "chat"), key: r.gw.developer)
        let b = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("2", model: "chat"), key: r.gw.admin)
        let c = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("3", model: "chat"), key: r.gw.otherProject)
        XCTAssertEqual([a.status, b.status, c.status], [200, 200, 429])
        XCTAssertTrue(c.json["error"]?["message"]?.stringValue?.contains("route chat") == true)
        let plain = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("4"), key: r.gw.developer)
        XCTAssertEqual(plain.status, 200, "the route's limit does not cover other models")

        let p = try await GatewayHarness.start { $0.projects = [ProjectLimitsConfig(name: "alpha", requestsPerMinute: 1)] }
        addTeardownBlock { await p.stop() }
        let first = try await p.post("/v1/chat/completions", GatewayHarness.chat("1"), key: p.developer)
        let second = try await p.post("/v1/chat/completions", GatewayHarness.chat("2"), key: p.admin)
        let beta = try await p.post("/v1/chat/completions", GatewayHarness.chat("3"), key: p.otherProject)
        XCTAssertEqual([first.status, second.status, beta.status], [200, 429, 200])
        XCTAssertTrue(second.json["error"]?["message"]?.stringValue?.contains("project alpha") == true)
    }

    func testKeysRestrictedToRoutesAndExpiredKeys() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        let issuer = KeyIssuer(store: r.gw.server.services.store)
        let restricted = try await issuer.issue(project: "alpha", role: .developer, name: "r",
                                                limits: KeyLimits(routes: ["chat"])).secret
        let allowed = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat"), key: restricted)
        XCTAssertEqual(allowed.status, 200)
        let denied = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "mock-model"), key: restricted)
        XCTAssertEqual(denied.status, 403)
        XCTAssertEqual(denied.json["error"]?["code"]?.stringValue, "model_not_allowed")
        XCTAssertEqual(denied.json["error"]?["param"]?.stringValue, "model")
        let expired = try await issuer.issue(project: "alpha", role: .developer, name: "old",
                                             expiresAt: Date().addingTimeInterval(-1)).secret
        let late = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat"), key: expired)
        XCTAssertEqual(late.status, 401)
        XCTAssertTrue(late.json["error"]?["message"]?.stringValue?.contains("expired") == true)
    }
}
