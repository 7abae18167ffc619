import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// `/metrics` labels come only from configured models and routes; made-up model names are counted
/// under `unknown`, so they cannot grow the page. `server.metrics_auth: key` asks for a key.
final class MetricsCardinalityTests: XCTestCase {
    func testMadeUpModelNamesLeaveMetricsBounded() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let known = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q"), key: gw.developer)
        XCTAssertEqual(known.status, 200)
        func madeUp(_ i: Int) -> String { "made-up-model-\(i)-" + String(repeating: "x", count: 4_000) }
        let first = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: madeUp(0)), key: gw.developer)
        XCTAssertEqual(first.status, 404)
        let before = try await gw.get("/metrics", key: nil)
        XCTAssertEqual(before.status, 200)
        for i in 1...40 {
            let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: madeUp(i)), key: gw.developer)
            XCTAssertEqual(reply.status, 404)
        }
        let after = try await gw.get("/metrics", key: nil)
        // Only counts and sums grow a digit or two; no series is added.
        XCTAssertLessThan(abs(after.body.count - before.body.count), 64, "before \(before.body.count) B, after \(after.body.count) B")
        XCTAssertFalse(after.text.contains("made-up-model"))
        XCTAssertTrue(after.text.contains(#"llmops_requests_total{model="unknown",status="404"} 41"#), after.text)
        XCTAssertTrue(after.text.contains(#"model="mock-model""#), "configured models keep their label")
        let series = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count }
        XCTAssertEqual(series(after.text), series(before.text))
    }

    func testRoutesAreLabelledByName() async throws {
        let r = try await RoutedGateway.start()
        addTeardownBlock { await r.stop() }
        let routed = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("q", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(routed.status, 200)
        let page = try await r.gw.get("/metrics", key: nil).text
        XCTAssertTrue(page.contains(#"llmops_requests_total{model="chat",status="200"} 1"#), page)
    }

    func testMetricsNeedAKeyWhenConfigured() async throws {
        let gw = try await GatewayHarness.start { $0.server.metrics.access = .key }
        addTeardownBlock { await gw.stop() }
        let anonymous = try await gw.get("/metrics", key: nil)
        XCTAssertEqual(anonymous.status, 401, anonymous.text)
        XCTAssertNotNil(anonymous.json["error"]?["message"]?.stringValue)
        let wrong = try await gw.get("/metrics", key: "sk-not-a-key")
        XCTAssertEqual(wrong.status, 401)
        let viewer = try await gw.get("/metrics", key: gw.viewer)
        XCTAssertEqual(viewer.status, 200)
        XCTAssertTrue(viewer.text.contains("llmops_trace_queue_depth"), viewer.text)
    }

    func testMetricsAuthIsReadFromConfiguration() throws {
        XCTAssertEqual(try ConfigLoader.load(yaml: "server: {}\n").server.metrics.access, MetricsSettings.Access.none, "open by default")
        XCTAssertEqual(try ConfigLoader.load(yaml: "server:\n  metrics_auth: key\n").server.metrics.access, .key)
        XCTAssertEqual(try ConfigLoader.load(yaml: "server:\n  metrics_auth: key\n",
                                             environment: ["LLMOPS_SERVER_METRICS_AUTH": "none"]).server.metrics.access, MetricsSettings.Access.none)
        XCTAssertThrowsError(try ConfigLoader.load(yaml: "server:\n  metrics_auth: maybe\n")) { error in
            XCTAssertTrue("\(error)".contains("server.metrics_auth"), "\(error)")
        }
    }
}
