import OpsCore
import OpsTesting
import XCTest

/// The happy paths of `/v1/chat/completions` through a real server and a real mock upstream.
final class ChatCompletionsTests: XCTestCase {
    func testCompletionIsForwardedAndTraced() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.post("/v1/chat/completions",
                                      GatewayHarness.chat("hello there", extra: [("user", "u-1"), ("temperature", 0.5),
                                                                                 ("metadata", ["tags": ["t1"], "team": "search"])]),
                                      key: gw.developer, headers: [("x-session-id", "s-42")])
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["object"], "chat.completion")
        XCTAssertEqual(reply.json["choices"]?.arrayValue?.first?["message"]?["content"], "echo: hello there")
        XCTAssertEqual(gw.mock.requests.last?["model"], "mock-upstream-model", "the upstream gets its own model name")
        XCTAssertNil(gw.mock.requests.last?["metadata"], "the gateway's metadata is not forwarded")
        let traceID = try XCTUnwrap(reply.header("x-llmops-trace-id"))

        // Strict durability: the trace is readable as soon as the response arrived.
        let trace = try await gw.get("/api/traces/\(traceID)", key: gw.viewer).json
        XCTAssertEqual(trace["model"], "mock-model")
        XCTAssertEqual(trace["provider"], "openai")
        XCTAssertEqual(trace["status"], "ok")
        XCTAssertEqual(trace["user"], "u-1")
        XCTAssertEqual(trace["session_id"], "s-42")
        XCTAssertEqual(trace["tags"], ["t1"])
        XCTAssertEqual(trace["metadata"]?["team"], "search")
        XCTAssertEqual(trace["output"]?["content"], "echo: hello there")
        XCTAssertEqual(trace["input"]?.arrayValue?.first?["content"], "hello there")
        let usage = try XCTUnwrap(trace["usage"])
        XCTAssertGreaterThan(usage["prompt_tokens"]?.intValue ?? 0, 0)
        XCTAssertEqual(usage["completion_tokens"]?.intValue, 3)
        let expectedCost = (Double(usage["prompt_tokens"]!.intValue!) * 1 + 3 * 2) / 1_000_000
        XCTAssertEqual(trace["cost_usd"]?.doubleValue ?? 0, expectedCost, accuracy: 1e-12)
        XCTAssertGreaterThan(trace["latency_ms"]?.doubleValue ?? 0, 0)
        let generation = try XCTUnwrap(trace["generations"]?.arrayValue?.first)
        XCTAssertEqual(generation["resolved_model"], "mock-upstream-model")
        XCTAssertEqual(generation["finish_reason"], "stop")
        XCTAssertEqual(generation["parameters"]?["temperature"], .double(0.5))
    }

    func testStreamIsRelayedChunkByChunkWithUsageAndTrace() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("alpha beta gamma", stream: true), key: gw.developer)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.header("content-type"), "text/event-stream")
        let events = reply.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        XCTAssertEqual(events.last, "data: [DONE]")
        let chunks = events.dropLast().map { try! JSONParser.parse(String($0.dropFirst("data: ".count))) }
        let text = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
        XCTAssertEqual(text, "echo: alpha beta gamma")
        XCTAssertTrue(chunks.allSatisfy { $0["usage"] == nil }, "no usage chunk when the client did not ask")
        XCTAssertEqual(gw.mock.requests.last?["stream_options"]?["include_usage"], true, "usage is always asked of the upstream")

        let trace = try await gw.get("/api/traces/\(try XCTUnwrap(reply.header("x-llmops-trace-id")))", key: gw.viewer).json
        XCTAssertEqual(trace["output"]?["content"], "echo: alpha beta gamma")
        XCTAssertEqual(trace["usage"]?["completion_tokens"]?.intValue, 4)
        XCTAssertNotNil(trace["ttft_ms"]?.doubleValue)
        XCTAssertNil(trace["metadata"]?["usage_estimated"])
    }

    func testStreamWithIncludeUsageEndsWithUsageChunk() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let body = GatewayHarness.chat("x y", stream: true, extra: [("stream_options", ["include_usage": true])])
        let reply = try await gw.post("/v1/chat/completions", body, key: gw.developer)
        let events = reply.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        let usageChunk = try JSONParser.parse(String(events[events.count - 2].dropFirst("data: ".count)))
        XCTAssertEqual(usageChunk["choices"], [])
        XCTAssertEqual(usageChunk["usage"]?["completion_tokens"]?.intValue, 3)
    }

    func testAnthropicModelIsTranslatedBothWays() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let body: JSONValue = ["model": "mock-claude", "max_tokens": 50,
                               "messages": [["role": "system", "content": "be brief"], ["role": "user", "content": "hi claude"]]]
        let reply = try await gw.post("/v1/chat/completions", body, key: gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["choices"]?.arrayValue?.first?["message"]?["content"], "echo: hi claude")
        XCTAssertEqual(reply.json["choices"]?.arrayValue?.first?["finish_reason"], "stop")
        let sent = try XCTUnwrap(gw.mock.requests.last)
        XCTAssertEqual(sent["system"], "be brief")
        XCTAssertEqual(sent["max_tokens"]?.intValue, 50)

        let streamed = try await gw.post("/v1/chat/completions",
                                         GatewayHarness.chat("stream me", model: "mock-claude", stream: true), key: gw.developer)
        let text = streamed.text.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }
            .compactMap { try? JSONParser.parse(String($0.dropFirst(6))) }
            .compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
        XCTAssertEqual(text, "echo: stream me")
        let trace = try await gw.get("/api/traces/\(try XCTUnwrap(streamed.header("x-llmops-trace-id")))", key: gw.viewer).json
        XCTAssertEqual(trace["provider"], "anthropic")
        XCTAssertEqual(trace["usage"]?["completion_tokens"]?.intValue, 3)
    }

    func testEmbeddingsAsFloatsAndBase64() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let floats = try await gw.post("/v1/embeddings", ["model": "mock-model", "input": ["a", "bb"]], key: gw.developer)
        XCTAssertEqual(floats.status, 200, floats.text)
        let data = try XCTUnwrap(floats.json["data"]?.arrayValue)
        XCTAssertEqual(data.count, 2)
        let first = try XCTUnwrap(data[0]["embedding"]?.arrayValue?.compactMap(\.doubleValue))
        XCTAssertEqual(first.count, 8)
        let b64 = try await gw.post("/v1/embeddings", ["model": "mock-model", "input": "a", "encoding_format": "base64"], key: gw.developer)
        let encoded = try XCTUnwrap(b64.json["data"]?.arrayValue?.first?["embedding"]?.stringValue)
        let bytes = try XCTUnwrap(Data(base64Encoded: encoded))
        let decoded = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(decoded.map(Double.init), first.map { Double(Float($0)) })
    }

    func testModelsList() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.get("/v1/models", key: gw.viewer)
        let ids = reply.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        XCTAssertEqual(ids, ["mock-model", "mock-claude"])
        let one = try await gw.get("/v1/models/mock-claude", key: gw.viewer)
        XCTAssertEqual(one.json["owned_by"], "anthropic")
    }
}
