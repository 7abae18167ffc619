import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// `/v1/embeddings` goes through the same admission as chat: route restrictions, rate limits,
/// budgets, and a trace for every refused call.
final class EmbeddingsAdmissionTests: XCTestCase {
    private func embed(_ gw: GatewayHarness, key: String, model: String = "mock-model", text: String = "hello") async throws
        -> GatewayHarness.Reply {
        try await gw.post("/v1/embeddings", ["model": .string(model), "input": .string(text)], key: key)
    }

    private func assertTraced(_ gw: GatewayHarness, _ reply: GatewayHarness.Reply, status: Int, file: StaticString = #filePath,
                              line: UInt = #line) async throws {
        let id = try XCTUnwrap(reply.header("x-llmops-trace-id"), "a refused call names its trace", file: file, line: line)
        let trace = try await gw.get("/api/traces/\(id)", key: gw.admin).json
        XCTAssertEqual(trace["http_status"]?.intValue, status, file: file, line: line)
        XCTAssertEqual(trace["name"]?.stringValue, "embeddings", file: file, line: line)
    }

    func testKeyRestrictedToRoutesCannotEmbedWithAnotherModel() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let restricted = try await KeyIssuer(store: gw.server.services.store)
            .issue(project: "alpha", role: .developer, name: "chat-only", limits: KeyLimits(routes: ["chat"])).secret
        let refused = try await embed(gw, key: restricted)
        XCTAssertEqual(refused.status, 403, refused.text)
        XCTAssertEqual(refused.json["error"]?["code"]?.stringValue, "model_not_allowed")
        XCTAssertEqual(refused.json["error"]?["param"]?.stringValue, "model")
        XCTAssertEqual(gw.mock.requests.count, 0, "the refused call never reached the upstream")
        try await assertTraced(gw, refused, status: 403)
        let allowed = try await embed(gw, key: gw.developer)
        XCTAssertEqual(allowed.status, 200, allowed.text)
    }

    func testRateLimitedKeyGets429WithHeaders() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let limited = try await KeyIssuer(store: gw.server.services.store)
            .issue(project: "alpha", role: .developer, name: "two", limits: KeyLimits(requestsPerMinute: 2)).secret
        for i in 0..<2 {
            let reply = try await embed(gw, key: limited, text: "t\(i)")
            XCTAssertEqual(reply.status, 200, reply.text)
            XCTAssertEqual(reply.header("x-ratelimit-limit-requests"), "2")
            XCTAssertEqual(reply.header("x-ratelimit-remaining-requests"), String(1 - i))
        }
        let refused = try await embed(gw, key: limited, text: "t3")
        XCTAssertEqual(refused.status, 429, refused.text)
        XCTAssertEqual(refused.json["error"]?["code"]?.stringValue, "rate_limit_exceeded")
        XCTAssertEqual(refused.header("x-ratelimit-remaining-requests"), "0")
        XCTAssertNotNil(Int(refused.header("retry-after") ?? ""))
        XCTAssertEqual(gw.mock.requests.count, 2)
        try await assertTraced(gw, refused, status: 429)
        // Chat and embeddings share the key's allowance.
        let chat = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: limited)
        XCTAssertEqual(chat.status, 429)
    }

    func testSpentBudgetStopsEmbeddings() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let limited = try await KeyIssuer(store: gw.server.services.store)
            .issue(project: "alpha", role: .developer, name: "budget", limits: KeyLimits(dailyBudgetUSD: 0.000001)).secret
        // Embeddings are priced like the model's input, so a long input spends the millionth of a dollar.
        let spend = try await embed(gw, key: limited, text: String(repeating: "spend the budget ", count: 200))
        XCTAssertEqual(spend.status, 200, spend.text)
        let refused = try await embed(gw, key: limited)
        XCTAssertEqual(refused.status, 429, refused.text)
        XCTAssertEqual(refused.json["error"]?["code"]?.stringValue, "budget_exceeded")
        XCTAssertEqual(gw.mock.requests.count, 1)
        try await assertTraced(gw, refused, status: 429)
    }
}
