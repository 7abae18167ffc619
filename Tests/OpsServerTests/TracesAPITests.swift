import OpsCore
import XCTest

/// `GET /api/traces`: filters, cursor pagination and project isolation; `/metrics`, `/health`, `/ready`.
final class TracesAPITests: XCTestCase {
    func testFiltersPaginationAndIsolation() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        for i in 0..<7 {
            let reply = try await gw.post("/v1/chat/completions",
                                          GatewayHarness.chat("m\(i)", extra: [("user", .string(i % 2 == 0 ? "even" : "odd"))]),
                                          key: gw.developer,
                                          headers: [("x-session-id", "s\(i % 3)"), ("x-llmops-tags", i == 3 ? "special, vip" : "plain")])
            XCTAssertEqual(reply.status, 200)
        }
        _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "missing"), key: gw.developer)

        let even = try await gw.traces(key: gw.viewer, query: "user=even")
        XCTAssertEqual(even.count, 4)
        let session = try await gw.traces(key: gw.viewer, query: "session_id=s1")
        XCTAssertEqual(session.count, 2)
        let tagged = try await gw.traces(key: gw.viewer, query: "tag=vip")
        XCTAssertEqual(tagged.first?["input"]?.arrayValue?.first?["content"], "m3")
        let failed = try await gw.traces(key: gw.viewer, query: "status=error")
        XCTAssertEqual(failed.map { $0["model"] }, ["missing"])
        let byModel = try await gw.traces(key: gw.viewer, query: "model=mock-model")
        XCTAssertEqual(byModel.count, 7)

        var seen: [String] = []
        var cursor: String?
        repeat {
            let reply = try await gw.get("/api/traces?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), key: gw.viewer)
            XCTAssertEqual(reply.status, 200, reply.text)
            seen += reply.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            cursor = reply.json["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(seen.count, 8)
        XCTAssertEqual(Set(seen).count, 8, "no trace twice across pages")

        let beta = try await gw.traces(key: gw.otherProject)
        XCTAssertTrue(beta.isEmpty, "another project sees none of alpha's traces")
        let foreign = try await gw.get("/api/traces/\(seen[0])", key: gw.otherProject)
        XCTAssertEqual(foreign.status, 404)
    }

    func testBadQueryParametersAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        for (query, param) in [("limit=0", "limit"), ("status=meh", "status"), ("from=yesterday", "from"), ("cursor=zzz", "cursor")] {
            let reply = try await gw.get("/api/traces?\(query)", key: gw.viewer)
            XCTAssertEqual(reply.status, 400, query)
            XCTAssertEqual(reply.json["error"]?["param"]?.stringValue, param)
        }
    }

    func testMetricsHealthAndReady() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("hello"), key: gw.developer)
        _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "missing"), key: gw.developer)
        // Strict mode answers once a trace is journaled; `traces_written` counts database commits,
        // which the writer makes in batches just after.
        await gw.server.services.recorder.awaitStored()
        let metrics = try await gw.get("/metrics", key: nil)
        XCTAssertEqual(metrics.status, 200)
        let text = metrics.text
        XCTAssertTrue(text.contains(#"llmops_requests_total{model="mock-model",status="200"} 1"#), text)
        XCTAssertTrue(text.contains(#"llmops_requests_total{model="unknown",status="404"} 1"#), text)
        XCTAssertTrue(text.contains("llmops_request_duration_seconds_bucket"), text)
        XCTAssertTrue(text.contains(#"llmops_tokens_total{model="mock-model",kind="completion"} 2"#), text)
        XCTAssertTrue(text.contains("llmops_traces_written_total 2"), text)
        XCTAssertTrue(text.contains("llmops_trace_queue_depth 0"), text)
        let health = try await gw.get("/health", key: nil)
        XCTAssertEqual(health.status, 200)
        let ready = try await gw.get("/ready", key: nil)
        XCTAssertEqual(ready.json["status"], "ready")
    }

    func testFastDurabilityStillRecords() async throws {
        let gw = try await GatewayHarness.start(durability: .fast)
        addTeardownBlock { await gw.stop() }
        for i in 0..<20 { _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("f\(i)"), key: gw.developer) }
        var count = 0
        for _ in 0..<100 where count < 20 {
            count = try await gw.traces(key: gw.viewer, query: "limit=100").count
            if count < 20 { try await Task.sleep(nanoseconds: 10_000_000) }
        }
        XCTAssertEqual(count, 20)
    }
}
