import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// Routes belong to a project: one project's admin cannot reroute, limit or break another
/// project's calls, and sees only its own routes and changes.
final class ProjectRoutesTests: XCTestCase {
    private func put(_ gw: GatewayHarness, _ routes: [JSONValue], key: String) async throws -> GatewayHarness.Reply {
        try await gw.send(.PUT, "/api/routes", key: key, body: JSONValue.object(JSONObject([("routes", .array(routes))])).serialized())
    }

    /// Beta's admin defines a route named like alpha's model, rate-limited to one call a minute, and
    /// a route alpha never had: alpha's calls still reach its model, unlimited, and cannot see beta's route.
    func testAnotherProjectsRouteCannotReachThisProjectsCalls() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let hijack: JSONValue = ["name": "mock-model", "deployments": [["model": "mock-claude", "weight": 1]], "limits": ["rpm": 1]]
        let own: JSONValue = ["name": "beta-chat", "deployments": [["model": "mock-claude", "weight": 1]]]
        let applied = try await put(gw, [hijack, own], key: gw.otherProject)
        XCTAssertEqual(applied.status, 200, applied.text)
        XCTAssertEqual(applied.json["project"]?.stringValue, "beta")
        for i in 0..<3 {
            let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("alpha \(i)"), key: gw.developer)
            XCTAssertEqual(reply.status, 200, reply.text)
            XCTAssertEqual(reply.header("x-llmops-deployment"), "mock-model", "alpha still reaches its own model")
            XCTAssertNil(reply.header("x-ratelimit-limit-requests"), "beta's route limit is not alpha's")
        }
        let hidden = try await gw.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "beta-chat"), key: gw.developer)
        XCTAssertEqual(hidden.status, 404, hidden.text)
        XCTAssertEqual(hidden.json["error"]?["param"]?.stringValue, "model")
        // Beta's routes work for beta, its limit included.
        let first = try await gw.post("/v1/chat/completions", GatewayHarness.chat("beta 1"), key: gw.otherProject)
        XCTAssertEqual(first.status, 200, first.text)
        XCTAssertEqual(first.header("x-llmops-deployment"), "mock-claude")
        let second = try await gw.post("/v1/chat/completions", GatewayHarness.chat("beta 2"), key: gw.otherProject)
        XCTAssertEqual(second.status, 429, second.text)
        XCTAssertEqual(second.json["error"]?["code"]?.stringValue, "rate_limit_exceeded")
        let named = try await gw.post("/v1/chat/completions", GatewayHarness.chat("beta 3", model: "beta-chat"), key: gw.otherProject)
        XCTAssertEqual(named.header("x-llmops-deployment"), "mock-claude")
        // Alpha after beta's limit was spent: untouched.
        let after = try await gw.post("/v1/chat/completions", GatewayHarness.chat("alpha again"), key: gw.developer)
        XCTAssertEqual(after.status, 200)
        XCTAssertEqual(after.header("x-llmops-deployment"), "mock-model")
    }

    /// A project's route shadows the operator's route of the same name for that project only.
    func testProjectRouteShadowsTheOperatorsOnlyInItsProject() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        let gw = r.gw
        let before = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "chat"), key: gw.developer)
        XCTAssertEqual(before.status, 200, before.text)
        let operatorDeployment = before.header("x-llmops-deployment")
        let shadow: JSONValue = ["name": "chat", "deployments": [["model": "mock-claude", "weight": 1]]]
        let applied = try await put(gw, [shadow], key: gw.otherProject)
        XCTAssertEqual(applied.status, 200, applied.text)
        let beta = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "chat"), key: gw.otherProject)
        XCTAssertEqual(beta.header("x-llmops-deployment"), "mock-claude")
        let alpha = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q2", model: "chat"), key: gw.developer)
        XCTAssertEqual(alpha.status, 200)
        XCTAssertEqual(alpha.header("x-llmops-deployment"), operatorDeployment, "alpha keeps the operator's route")
        // The operator's routes are listed, read-only, beside alpha's (none).
        let listed = try await gw.get("/api/routes", key: gw.viewer).json
        XCTAssertEqual(listed["project"]?.stringValue, "alpha")
        XCTAssertEqual(listed["routes"]?.arrayValue?.count, 0)
        XCTAssertEqual(listed["instance_routes"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["chat"])
    }

    /// History, listing and rollback show and act on the caller's project only.
    func testHistoryListAndRollbackStayInTheProject() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let betaRoute: JSONValue = ["name": "beta-secret-route", "deployments": [["model": "mock-claude", "weight": 1]]]
        let betaFirst = try await put(gw, [betaRoute], key: gw.otherProject)
        XCTAssertEqual(betaFirst.status, 200, betaFirst.text)
        let betaSecond = try await put(gw, [], key: gw.otherProject)
        XCTAssertEqual(betaSecond.status, 200, betaSecond.text)
        let alphaRoute: JSONValue = ["name": "alpha-chat", "deployments": [["model": "mock-model", "weight": 1]]]
        let alphaApplied = try await put(gw, [alphaRoute], key: gw.admin)
        XCTAssertEqual(alphaApplied.json["version"]?.intValue, 1, "each project numbers its own changes")

        let alphaHistory = try await gw.get("/api/routes/history", key: gw.viewer)
        XCTAssertEqual(alphaHistory.json["data"]?.arrayValue?.count, 1)
        XCTAssertFalse(alphaHistory.text.contains("beta-secret-route"), alphaHistory.text)
        let betaHistory = try await gw.get("/api/routes/history", key: gw.otherProject)
        XCTAssertEqual(betaHistory.json["data"]?.arrayValue?.map { $0["version"]?.intValue }, [2, 1])
        XCTAssertFalse(betaHistory.text.contains("alpha-chat"))
        let alphaList = try await gw.get("/api/routes", key: gw.viewer)
        XCTAssertEqual(alphaList.json["routes"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["alpha-chat"])
        XCTAssertFalse(alphaList.text.contains("beta-secret-route"))

        // Alpha rolling back to "version 2" finds no change of its own; beta's version 1 is beta's.
        let missing = try await gw.post("/api/routes/rollback", ["version": 2], key: gw.admin)
        XCTAssertEqual(missing.status, 404, missing.text)
        XCTAssertEqual(missing.json["error"]?["code"]?.stringValue, "route_change_not_found")
        let rolled = try await gw.post("/api/routes/rollback", ["version": 1], key: gw.otherProject)
        XCTAssertEqual(rolled.status, 200, rolled.text)
        XCTAssertEqual(rolled.json["version"]?.intValue, 3)
        let betaCall = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "beta-secret-route"), key: gw.otherProject)
        XCTAssertEqual(betaCall.status, 200, betaCall.text)
        let alphaCall = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "beta-secret-route"), key: gw.developer)
        XCTAssertEqual(alphaCall.status, 404)
        let alphaStill = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "alpha-chat"), key: gw.developer)
        XCTAssertEqual(alphaStill.status, 200)
    }

    /// A route body naming another project is refused whole, with the field at fault.
    func testRouteNamingAnotherProjectIsRefused() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let foreign: JSONValue = ["name": "chat", "project": "alpha", "deployments": [["model": "mock-claude", "weight": 1]]]
        let refused = try await put(gw, [["name": "ok", "deployments": [["model": "mock-model"]]], foreign], key: gw.otherProject)
        XCTAssertEqual(refused.status, 403, refused.text)
        XCTAssertEqual(refused.json["error"]?["param"]?.stringValue, "routes[1].project")
        XCTAssertEqual(refused.json["error"]?["code"]?.stringValue, "project_mismatch")
        let history = try await gw.get("/api/routes/history", key: gw.otherProject)
        XCTAssertEqual(history.json["data"]?.arrayValue?.count, 0, "nothing was stored")
        let alpha = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "chat"), key: gw.developer)
        XCTAssertEqual(alpha.status, 404)
    }
}
