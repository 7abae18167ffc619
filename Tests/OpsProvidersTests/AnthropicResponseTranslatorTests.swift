import OpsCore
import XCTest

@testable import OpsProviders

final class AnthropicResponseTranslatorTests: XCTestCase {
    private typealias T = AnthropicTestSupport

    func testTextResponseBecomesAChatCompletion() throws {
        let response = try AnthropicResponseTranslator.response(from: T.json("""
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5",
             "content":[{"type":"text","text":"Hello"},{"type":"text","text":", world"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":12,"output_tokens":5}}
            """), created: 1_700_000_000)
        T.assertJSONEqual(response.json, """
            {"id":"msg_01","object":"chat.completion","created":1700000000,"model":"claude-sonnet-4-5",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello, world"},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}
            """)
    }

    func testToolUseBlocksBecomeToolCallsAndCacheTokensCountAsPrompt() throws {
        let response = try AnthropicResponseTranslator.response(from: T.json("""
            {"id":"msg_02","type":"message","role":"assistant","model":"claude",
             "content":[{"type":"thinking","thinking":"hmm","signature":"x"},
                        {"type":"tool_use","id":"toolu_A","name":"weather","input":{"city":"Paris","days":2}},
                        {"type":"tool_use","id":"toolu_B","name":"now","input":{}}],
             "stop_reason":"tool_use",
             "usage":{"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,
                      "output_tokens":30}}
            """), created: 5)
        let message = response.choices[0].message
        XCTAssertNil(message.content, "no text next to tool calls is null content, as OpenAI sends")
        XCTAssertEqual(message.toolCalls, [
            ToolCall(id: "toolu_A", name: "weather", arguments: #"{"city":"Paris","days":2}"#),
            ToolCall(id: "toolu_B", name: "now", arguments: "{}"),
        ])
        XCTAssertEqual(response.choices[0].finishReason, "tool_calls")
        XCTAssertEqual(response.usage, Usage(promptTokens: 1110, completionTokens: 30))
    }

    func testStopReasonMapping() {
        let cases: [(String?, String?)] = [
            ("end_turn", "stop"), ("stop_sequence", "stop"), ("max_tokens", "length"),
            ("tool_use", "tool_calls"), ("refusal", "content_filter"), ("pause_turn", "stop"), (nil, nil),
        ]
        for (stopReason, finishReason) in cases {
            XCTAssertEqual(AnthropicResponseTranslator.finishReason(stopReason), finishReason, "\(stopReason ?? "nil")")
        }
    }

    func testEmptyAnswerIsEmptyText() throws {
        let response = try AnthropicResponseTranslator.response(from: T.json("""
            {"id":"m","model":"c","content":[],"stop_reason":"max_tokens","usage":{"input_tokens":1,"output_tokens":0}}
            """), created: 0)
        XCTAssertEqual(response.choices[0].message.content, .text(""))
        XCTAssertEqual(response.choices[0].finishReason, "length")
    }

    func testBodyWithoutContentIsAProtocolError() {
        XCTAssertThrowsError(try AnthropicResponseTranslator.response(from: T.json(#"{"id":"m"}"#), created: 0)) { error in
            XCTAssertEqual((error as? OpsError)?.kind, .upstreamUnavailable)
        }
    }

    func testAnthropicErrorBodyKeepsStatusMessageAndType() {
        let body = Array(#"{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too large"}}"#.utf8)
        let error = UpstreamErrorReader.error(status: 400, body: body, provider: "anthropic")
        XCTAssertEqual(error.kind, .upstream(status: 400))
        XCTAssertEqual(error.message, "max_tokens: too large")
        XCTAssertEqual(error.type, "invalid_request_error")
    }
}
