import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// When the limit store fails, each project's `on_limit_store_error` decides: `closed` answers 503
/// with `Retry-After` and nothing of the failure, `open` lets calls through. Unset, budgets fail
/// closed and rate limits alone fail open.
final class LimitStoreFailureTests: XCTestCase {
    private static func project(_ name: String, _ policy: LimitStoreFailurePolicy) -> ProjectLimitsConfig {
        var project = ProjectLimitsConfig(name: name)
        project.onLimitStoreError = policy
        return project
    }

    private func start(_ projects: [ProjectLimitsConfig]) async throws -> (GatewayHarness, InMemoryStore) {
        let store = InMemoryStore()
        let gw = try await GatewayHarness.start(store: store) { $0.projects = projects }
        return (gw, store)
    }

    private func key(_ gw: GatewayHarness, project: String, _ limits: KeyLimits) async throws -> String {
        try await KeyIssuer(store: gw.server.services.store).issue(project: project, role: .developer, name: "k", limits: limits).secret
    }

    private func assertRefusedClosed(_ reply: GatewayHarness.Reply, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reply.status, 503, reply.text, file: file, line: line)
        XCTAssertEqual(reply.json["error"]?["code"]?.stringValue, "limit_store_unavailable", file: file, line: line)
        XCTAssertNotNil(reply.json["error"]?["type"]?.stringValue, file: file, line: line)
        XCTAssertNotNil(Int(reply.header("retry-after") ?? ""), "Retry-After", file: file, line: line)
        XCTAssertFalse(reply.text.contains("10.0.0.7") || reply.text.contains("connection refused"), "no internal detail: \(reply.text)",
                       file: file, line: line)
    }

    func testClosedProjectRefusesWith503AndOpenProjectGoesThrough() async throws {
        let (gw, store) = try await start([Self.project("alpha", .closed), Self.project("beta", .open)])
        addTeardownBlock { await gw.stop() }
        let alpha = try await key(gw, project: "alpha", KeyLimits(requestsPerMinute: 100))
        let beta = try await key(gw, project: "beta", KeyLimits(requestsPerMinute: 100, dailyBudgetUSD: 5))
        store.limitFailures.isOn = true
        let refused = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: alpha)
        assertRefusedClosed(refused)
        let embedRefused = try await gw.post("/v1/embeddings", ["model": "mock-model", "input": "q"], key: alpha)
        assertRefusedClosed(embedRefused)
        XCTAssertEqual(gw.mock.requests.count, 0, "refused calls never reach an upstream")
        let trace = try await gw.get("/api/traces/\(refused.header("x-llmops-trace-id") ?? "")", key: gw.admin).json
        XCTAssertEqual(trace["http_status"]?.intValue, 503, "the refused call is traced")

        let through = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: beta)
        XCTAssertEqual(through.status, 200, "beta chose open: \(through.text)")

        store.limitFailures.isOn = false
        let recovered = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: alpha)
        XCTAssertEqual(recovered.status, 200, recovered.text)
        XCTAssertEqual(recovered.header("x-ratelimit-limit-requests"), "100")
    }

    func testUnsetPolicyFailsClosedForBudgetsAndOpenForRateLimits() async throws {
        let (gw, store) = try await start([])
        addTeardownBlock { await gw.stop() }
        let budgeted = try await key(gw, project: "alpha", KeyLimits(dailyBudgetUSD: 5))
        let rateOnly = try await key(gw, project: "alpha", KeyLimits(requestsPerMinute: 100))
        store.limitFailures.isOn = true
        let refused = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: budgeted)
        assertRefusedClosed(refused)
        let through = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: rateOnly)
        XCTAssertEqual(through.status, 200, through.text)
        let unlimited = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: gw.developer)
        XCTAssertEqual(unlimited.status, 200, "a key without limits never touches the limit store")
    }

    func testPolicyIsReadFromConfiguration() throws {
        let config = try ConfigLoader.load(yaml: """
            projects:
              - { name: a, on_limit_store_error: open }
              - { name: b, budget_usd_day: 5 }
            """)
        XCTAssertEqual(config.projects.map(\.onLimitStoreError), [.open, nil])
        XCTAssertThrowsError(try ConfigLoader.load(yaml: "projects:\n  - { name: a, on_limit_store_error: sometimes }\n")) { error in
            XCTAssertTrue("\(error)".contains("projects[0].on_limit_store_error"), "\(error)")
        }
    }
}
