import Foundation
import NIOHTTP1
import OpsCore
import OpsGateway
@testable import OpsServer
import XCTest

/// Two replicas on one PostgreSQL: a project's route change on one reaches the other for that
/// project only, and the operator's routes there stay as they were. Needs `LLMOPS_TEST_POSTGRES_URL`.
final class TwoReplicaProjectRoutesTests: XCTestCase {
    private func sharedURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            XCTFail("LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
            throw XCTSkip("no PostgreSQL")
        }
        return base + (base.contains("?") ? "&" : "?") + "schema=project_routes_" + Identifier.hex(bytes: 6)
    }

    func testProjectRouteChangeReachesTheOtherReplicaForThatProjectOnly() async throws {
        let url = try sharedURL()
        let operatorChat = RouteConfig(name: "chat", deployments: [.init(model: "mock-model", weight: 1)])
        let a = try await GatewayHarness.start(storageURL: url) { $0.server.routesPollMs = 100; $0.routes = [operatorChat] }
        addTeardownBlock { await a.stop() }
        let b = try await GatewayHarness.start(storageURL: url) { $0.server.routesPollMs = 100; $0.routes = [operatorChat] }
        addTeardownBlock { await b.stop() }
        // Beta's admin (a key of the shared database) reroutes "chat" and the name alpha calls its model by.
        let routes: JSONValue = ["routes": [["name": "chat", "deployments": [["model": "mock-claude", "weight": 1]]],
                                            ["name": "mock-model", "deployments": [["model": "mock-claude", "weight": 1]],
                                             "limits": ["rpm": 1]]]]
        let applied = try await a.send(.PUT, "/api/routes", key: a.otherProject, body: routes.serialized())
        XCTAssertEqual(applied.status, 200, applied.text)
        XCTAssertEqual(applied.json["version"]?.intValue, 1)
        let deadline = ContinuousClock.now + .seconds(5)
        var seen: Int?
        while ContinuousClock.now < deadline {
            seen = try await b.get("/api/routes", key: a.otherProject).json["version"]?.intValue
            if seen == 1 { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTAssertEqual(seen, 1, "replica b switched beta's routes")
        let betaOnB = try await b.post("/v1/chat/completions", GatewayHarness.chat("hi", model: "chat"), key: a.otherProject)
        XCTAssertEqual(betaOnB.header("x-llmops-deployment"), "mock-claude")
        for replica in [a, b] {
            let alphaList = try await replica.get("/api/routes", key: a.viewer).json
            XCTAssertEqual(alphaList["version"]?.intValue, 0, "alpha's routes never changed")
            for i in 0..<2 {
                let chat = try await replica.post("/v1/chat/completions", GatewayHarness.chat("q\(i)", model: "chat"), key: a.developer)
                XCTAssertEqual(chat.header("x-llmops-deployment"), "mock-model", "alpha keeps the operator's route")
                let model = try await replica.post("/v1/chat/completions", GatewayHarness.chat("m\(i)"), key: a.developer)
                XCTAssertEqual(model.status, 200, model.text)
                XCTAssertEqual(model.header("x-llmops-deployment"), "mock-model", "alpha still reaches its model, unlimited")
            }
        }
        let history = try await b.get("/api/routes/history", key: a.viewer)
        XCTAssertEqual(history.json["data"]?.arrayValue?.count, 0, history.text)
    }
}
