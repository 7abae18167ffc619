import Foundation
import NIOHTTP1
import OpsCore
import XCTest

/// The console's routes page: routes in force, circuit breakers and the change history.
final class ConsoleRoutesPageTests: XCTestCase {
    func testRoutesPageShowsRoutesCircuitsAndChanges() async throws {
        let r = try await RoutedGateway.start { $0.retries.attempts = 0; $0.cache.exactTTLSeconds = 30 }
        addTeardownBlock { await r.stop() }
        r.primary.setDefault(.status(500, message: "down"))
        for i in 0..<5 {
            _ = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("q\(i)", model: "chat"), key: r.gw.developer)
        }
        let routes: JSONValue = ["routes": [["name": "chat", "deployments": [["model": "mock-model", "weight": 95], ["model": "backup", "weight": 5]]]]]
        let applied = try await r.gw.send(.PUT, "/api/routes", key: r.gw.admin, body: routes.serialized())
        XCTAssertEqual(applied.status, 200)

        let page = try await r.gw.page("/routes", as: r.gw.viewer)
        XCTAssertEqual(page.status, 200)
        let html = page.text
        XCTAssertTrue(html.contains("Routes version 1"), html)
        XCTAssertTrue(html.contains("mock-model (95), backup (5)"))
        XCTAssertTrue(html.contains(#"<tr class="circuit"><td>mock-model</td><td><span class="pill error">open</span></td><td class="num">1</td></tr>"#),
                      html)
        XCTAssertTrue(html.contains(#"<td>backup</td><td><span class="pill ok">closed</span>"#))
        XCTAssertTrue(html.contains("<td class=\"num\">1</td><td>"), "the change is listed")
        XCTAssertTrue(html.contains("href=\"/routes\" class=\"active\""))

        let anonymous = try await r.gw.send(.GET, "/routes", key: nil)
        XCTAssertTrue(anonymous.text.contains("action=\"/login\""), "signed-out visitors are sent to the login page")
        XCTAssertFalse(anonymous.text.contains("mock-model"))
    }
}
