import OpsCore
import XCTest

/// Numbers and times a client writes that would trap later (overflowing conversions, dates beyond
/// what the stores keep, NaN) are refused at the edge with a 400 naming the field, on every path
/// that reads them — query strings, JSON bodies, console filters, queue filters — and the server
/// keeps answering afterwards.
final class NumericInputTests: XCTestCase {
    static let extremeTimes = ["1e300", "-1e300", "nan", "inf", "-inf", "1e20", "99999-01-01", "253402300800"]

    func testTraceTimeFiltersOutOfRangeAre400() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        for name in ["from", "to"] {
            for value in Self.extremeTimes {
                let reply = try await gw.get("/api/traces?\(name)=\(value)", key: gw.viewer)
                assertAPIError(reply, status: 400, param: name, messageContains: name)
            }
        }
        let fine = try await gw.get("/api/traces?from=0&to=253402300799", key: gw.viewer)
        XCTAssertEqual(fine.status, 200, "the edges of the range are accepted")
        for (query, param) in [("limit=9223372036854775808", "limit"), ("limit=0", "limit"), ("limit=-1", "limit"),
                               ("cursor=99999999999999999999_x", "cursor")] {
            assertAPIError(try await gw.get("/api/traces?\(query)", key: gw.viewer), status: 400, param: param, messageContains: param)
        }
        let health = try await gw.get("/health", key: nil)
        XCTAssertEqual(health.status, 200, "the server is still up")
    }

    func testConsoleTraceFiltersOutOfRangeAre400() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        for value in ["1e300", "nan", "-1e300"] {
            let page = try await gw.page("/traces?from=\(value)", as: gw.viewer)
            XCTAssertEqual(page.status, 400, page.text)
            XCTAssertTrue(page.text.contains("from must be"), page.text)
            let to = try await gw.page("/traces?to=\(value)", as: gw.viewer)
            XCTAssertEqual(to.status, 400, to.text)
        }
        let health = try await gw.get("/health", key: nil)
        XCTAssertEqual(health.status, 200)
    }

    func testQueueTraceFilterTimesOutOfRangeAre400() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("hi"), key: gw.developer)
        let definition = try await gw.post("/api/score-definitions", ["name": "ok", "kind": "boolean"], key: gw.developer)
        XCTAssertEqual(definition.status, 201, definition.text)
        for value in ["1e300", "nan", "-1e300"] {
            let reply = try await gw.post("/api/queues", ["name": "q", "score_definitions": ["ok"],
                                                          "trace_filter": ["from": .string(value)]], key: gw.developer)
            assertAPIError(reply, status: 400, param: "trace_filter.from", messageContains: "trace_filter.from")
        }
        let queues = try await gw.get("/api/queues", key: gw.viewer)
        XCTAssertEqual(queues.json["data"]?.arrayValue?.count, 0, "no refused queue was created")
    }

    func testChatNumbersThatWouldOverflowAre400AndTraced() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let cases: [(String, String)] = [
            ("max_tokens", "9223372036854775807"), ("max_tokens", "99999999999999999999"), ("max_tokens", "1e300"),
            ("max_tokens", "-1"), ("max_tokens", "0"), ("max_completion_tokens", "9223372036854775807"),
            ("n", "9223372036854775807"), ("top_k", "-9223372036854775808"), ("temperature", "1e400"),
            ("top_p", "-1e300"),
        ]
        for (field, number) in cases {
            let body = "{\"model\": \"mock-model\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"\(field)\": \(number)}"
            let reply = try await gw.send(.POST, "/v1/chat/completions", key: gw.developer, body: Array(body.utf8))
            XCTAssertEqual(reply.status, 400, "\(field)=\(number): \(reply.text)")
            XCTAssertEqual(reply.json["error"]?["param"]?.stringValue, field, reply.text)
        }
        let traces = try await gw.traces(key: gw.viewer, query: "limit=100")
        XCTAssertEqual(traces.count, cases.count, "every refused call is traced")
        XCTAssertTrue(traces.allSatisfy { $0["http_status"]?.intValue == 400 })
        let ok = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", extra: [("max_tokens", 1_000_000)]), key: gw.developer)
        XCTAssertEqual(ok.status, 200, ok.text)
    }

    func testEmbeddingDimensionsOutOfRangeAre400() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let body = "{\"model\": \"mock-model\", \"input\": \"x\", \"dimensions\": 9223372036854775807}"
        let reply = try await gw.send(.POST, "/v1/embeddings", key: gw.developer, body: Array(body.utf8))
        assertAPIError(reply, status: 400, param: "dimensions", messageContains: "dimensions")
    }

    func testScoresAndExperimentItemsWithAbsurdValuesAre400() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let chat = try await gw.post("/v1/chat/completions", GatewayHarness.chat("hi"), key: gw.developer)
        let traceID = try XCTUnwrap(chat.header("x-llmops-trace-id"))
        let score = "{\"trace_id\": \"\(traceID)\", \"name\": \"quality\", \"value\": 1e308}"
        assertAPIError(try await gw.send(.POST, "/api/scores", key: gw.developer, body: Array(score.utf8)),
                       status: 400, param: "value", messageContains: "value")

        let prompt = try await gw.post("/api/prompts", ["name": "qa", "text": "{{question}}", "config": ["model": "mock-model"]],
                                       key: gw.developer)
        XCTAssertEqual(prompt.status, 201, prompt.text)
        _ = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer, body: "{\"input\": {\"question\": \"a\"}}\n")
        let run = try await gw.post("/api/experiments", ["dataset": "ds", "target": ["type": "prompt", "prompt": "qa", "version": 1],
                                                         "metrics": ["exact"]], key: gw.developer)
        let id = try XCTUnwrap(run.json["id"]?.stringValue, run.text)
        let items: [(String, String)] = [
            ("{\"item\": 0, \"usage\": {\"prompt_tokens\": 9223372036854775807}}", "items[0].usage.prompt_tokens"),
            ("{\"item\": 0, \"usage\": {\"completion_tokens\": 1e300}}", "items[0].usage.completion_tokens"),
            ("{\"item\": 0, \"latency\": 1e308}", "items[0].latency"),
            ("{\"item\": 0, \"latency\": -1}", "items[0].latency"),
            ("{\"item\": 0, \"cost\": 1e300}", "items[0].cost"),
            ("{\"item\": 9223372036854775807}", "items[0].item"),
            ("{\"item\": 0, \"scores\": {\"exact\": 1e300}}", "items[0].scores.exact"),
        ]
        for (item, param) in items {
            let reply = try await gw.send(.POST, "/api/experiments/\(id)/items", key: gw.developer, body: Array("{\"items\": [\(item)]}".utf8))
            assertAPIError(reply, status: 400, param: param, messageContains: param)
        }
        let stored = try await gw.get("/api/experiments/\(id)", key: gw.viewer)
        XCTAssertEqual(stored.json["items"]?.arrayValue?.count ?? 0, 0, "no refused item was stored: \(stored.text)")
        let page = try await gw.page("/experiments/\(id)", as: gw.viewer)
        XCTAssertEqual(page.status, 200, "the run's page still renders")
    }
}
