import Foundation
import NIOHTTP1
import OpsCore
import OpsTesting
import XCTest

/// Routes replaced, listed and rolled back through the API, taking effect without a restart.
final class RoutesAPITests: XCTestCase {
    func testReplacingRoutesTakesEffectAtOnceAndIsRecorded() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        let before = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(before.header("x-llmops-deployment"), "mock-model")

        let canaryAll: JSONValue = ["routes": [["name": "chat", "deployments": [["model": "backup", "weight": 100]]]]]
        let applied = try await r.gw.send(.PUT, "/api/routes", key: r.gw.admin, body: canaryAll.serialized())
        XCTAssertEqual(applied.status, 200, applied.text)
        XCTAssertEqual(applied.json["version"]?.intValue, 1)
        // Alpha's own route named like the operator's: added to alpha's routes, shadowing it for alpha.
        XCTAssertEqual(applied.json["added"], ["chat"])
        XCTAssertEqual(applied.json["project"]?.stringValue, "alpha")
        let after = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(after.header("x-llmops-deployment"), "backup")

        let listed = try await r.gw.get("/api/routes", key: r.gw.viewer).json
        XCTAssertEqual(listed["version"]?.intValue, 1)
        XCTAssertEqual(listed["routes"]?[0]?["deployments"]?[0]?["model"]?.stringValue, "backup")

        // Roll back to the configuration file's routes of alpha (none): a new, recorded change that
        // uncovers the operator's route again.
        let rolled = try await r.gw.post("/api/routes/rollback", ["version": 0], key: r.gw.admin)
        XCTAssertEqual(rolled.status, 200, rolled.text)
        XCTAssertEqual(rolled.json["version"]?.intValue, 2)
        let back = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(back.header("x-llmops-deployment"), "mock-model")

        let history = try await r.gw.get("/api/routes/history", key: r.gw.viewer).json["data"]?.arrayValue ?? []
        XCTAssertEqual(history.map { $0["version"]?.intValue }, [2, 1])
        XCTAssertTrue(history.allSatisfy { $0["actor"]?.stringValue?.hasPrefix("key_") == true })
    }

    func testBadRoutesAreRejectedNamingTheFieldAndChangeNothing() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        let cases: [(JSONValue, String)] = [
            (["routes": [["name": "chat", "deployments": [["model": "ghost", "weight": 1]]]]], "routes"),
            (["routes": [["name": "chat", "deployments": [["model": "backup", "weight": -1]]]]], "routes[0].deployments[0].weight"),
            (["routes": [["name": "chat", "deployments": [["model": "backup"]], "retries": ["attempts": "many"]]]],
             "routes[0].retries.attempts"),
            (["routes": [["name": "chat", "deployments": [["model": "backup"]], "cache": ["semantic": ["threshold": 2]]]]],
             "routes[0].cache.semantic.threshold"),
            (["routes": [["name": "chat", "deployment": [["model": "backup"]]]]], "routes[0].deployment"),
            (["nope": 1], "nope"),
        ]
        for (body, param) in cases {
            let reply = try await r.gw.send(.PUT, "/api/routes", key: r.gw.admin, body: body.serialized())
            XCTAssertEqual(reply.status, 400, "\(body)")
            XCTAssertEqual(reply.json["error"]?["param"]?.stringValue, param, reply.text)
        }
        let forbidden = try await r.gw.send(.PUT, "/api/routes", key: r.gw.developer,
                                            body: JSONValue.object(JSONObject([("routes", .array([]))])).serialized())
        XCTAssertEqual(forbidden.status, 403)
        let missing = try await r.gw.post("/api/routes/rollback", ["version": 9], key: r.gw.admin)
        XCTAssertEqual(missing.status, 404)
        let listed = try await r.gw.get("/api/routes", key: r.gw.viewer).json
        XCTAssertEqual(listed["version"]?.intValue, 0, "nothing was applied")
        XCTAssertEqual(listed["routes"], [], "alpha has no routes of its own")
        XCTAssertEqual(listed["instance_routes"]?[0]?["fallbacks"], ["backup"])
    }

    func testKeysCreatedWithLimitsAndRotatedWithAGracePeriod() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let created = try await gw.post("/api/keys", ["role": "developer", "name": "ci",
                                                      "limits": ["rpm": 1, "routes": ["mock-model"]], "expires_in": "30d"],
                                        key: gw.admin)
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.json["limits"]?["rpm"]?.intValue, 1)
        XCTAssertNotNil(created.json["expires_at"]?.stringValue)
        let secret = try XCTUnwrap(created.json["key"]?.stringValue)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)

        let rotated = try await gw.post("/api/keys/\(id)/rotate", ["grace_s": 60], key: gw.admin)
        XCTAssertEqual(rotated.status, 201, rotated.text)
        XCTAssertEqual(rotated.json["replaces"]?.stringValue, id)
        XCTAssertEqual(rotated.json["limits"]?["routes"], ["mock-model"], "the new key keeps the limits")
        let newSecret = try XCTUnwrap(rotated.json["key"]?.stringValue)
        let old = try await gw.post("/v1/chat/completions", GatewayHarness.chat("old"), key: secret)
        XCTAssertEqual(old.status, 200, "the old key works during the grace period")
        let new = try await gw.post("/v1/chat/completions", GatewayHarness.chat("new"), key: newSecret)
        XCTAssertEqual(new.status, 200)

        let immediate = try await gw.post("/api/keys/\(id)/rotate", ["grace_s": 0], key: gw.admin)
        XCTAssertEqual(immediate.status, 201)
        let gone = try await gw.post("/v1/chat/completions", GatewayHarness.chat("old"), key: secret)
        XCTAssertEqual(gone.status, 401, "a zero grace period ends the old key at once")

        let bad = try await gw.post("/api/keys", ["role": "developer", "limits": ["rpm": -1]], key: gw.admin)
        XCTAssertEqual(bad.status, 400)
        XCTAssertEqual(bad.json["error"]?["param"]?.stringValue, "limits.rpm")
        let badExpiry = try await gw.post("/api/keys", ["role": "developer", "expires_in": "soon"], key: gw.admin)
        XCTAssertEqual(badExpiry.json["error"]?["param"]?.stringValue, "expires_in")
        let unknownLimit = try await gw.post("/api/keys", ["role": "developer", "limits": ["rps": 5]], key: gw.admin)
        XCTAssertEqual(unknownLimit.json["error"]?["param"]?.stringValue, "limits.rps")
    }
}
