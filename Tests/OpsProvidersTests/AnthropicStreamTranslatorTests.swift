import OpsCore
import XCTest

@testable import OpsProviders

final class AnthropicStreamTranslatorTests: XCTestCase {
    private typealias T = AnthropicTestSupport

    static let textStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":5,"output_tokens":1}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: ping
        data: {"type": "ping"}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" there!"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

        event: message_stop
        data: {"type":"message_stop"}


        """

    static let textChunks = [
        #"{"id":"msg_1","object":"chat.completion.chunk","created":100,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"msg_1","object":"chat.completion.chunk","created":100,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"msg_1","object":"chat.completion.chunk","created":100,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":" there!"},"logprobs":null,"finish_reason":null}]}"#,
        #"{"id":"msg_1","object":"chat.completion.chunk","created":100,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}"#,
        #"{"id":"msg_1","object":"chat.completion.chunk","created":100,"model":"claude-sonnet-4-5","choices":[],"usage":{"prompt_tokens":30,"completion_tokens":15,"total_tokens":45}}"#,
    ]

    static let toolStream = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_2","type":"message","role":"assistant","content":[],"model":"claude","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":400,"output_tokens":2}}}

        event: content_block_start
        data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":0}

        event: content_block_start
        data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"weather","input":{}}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\":"}}

        event: content_block_delta
        data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \\"Paris\\"}"}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":1}

        event: content_block_start
        data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_2","name":"now","input":{}}}

        event: content_block_stop
        data: {"type":"content_block_stop","index":2}

        event: message_delta
        data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":40}}

        event: message_stop
        data: {"type":"message_stop"}


        """

    private static func chunk(_ choice: String) -> String {
        #"{"id":"msg_2","object":"chat.completion.chunk","created":100,"model":"claude","choices":["# + choice + "]}"
    }

    static let toolChunks = [
        chunk(#"{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{"content":"Checking."},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{"tool_calls":[{"index":0,"id":"toolu_1","type":"function","function":{"name":"weather","arguments":""}}]},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":" \"Paris\"}"}}]},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{"tool_calls":[{"index":1,"id":"toolu_2","type":"function","function":{"name":"now","arguments":""}}]},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]},"logprobs":null,"finish_reason":null}"#),
        chunk(#"{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}"#),
        #"{"id":"msg_2","object":"chat.completion.chunk","created":100,"model":"claude","choices":[],"usage":{"prompt_tokens":400,"completion_tokens":40,"total_tokens":440}}"#,
    ]

    private func translateAll(_ transcript: String) throws -> (chunks: [ChatChunk], complete: Bool) {
        var translator = AnthropicStreamTranslator(created: 100)
        var chunks: [ChatChunk] = []
        for event in T.events(transcript) { chunks += try translator.translate(event) }
        return (chunks, translator.isComplete)
    }

    func testTextStreamBecomesChunks() throws {
        let result = try translateAll(Self.textStream)
        T.assertChunks(result.chunks, Self.textChunks)
        XCTAssertTrue(result.complete)
    }

    func testToolUseStreamBecomesToolCallDeltas() throws {
        let result = try translateAll(Self.toolStream)
        T.assertChunks(result.chunks, Self.toolChunks)
        XCTAssertTrue(result.complete)
    }

    func testErrorEventThrowsWithAnthropicsMessage() throws {
        var translator = AnthropicStreamTranslator(created: 0)
        XCTAssertEqual(try translator.translate(T.events(Self.textStream)[0]).count, 1)
        let event = SSEEvent(event: "error",
                             data: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
        XCTAssertThrowsError(try translator.translate(event)) { error in
            let opsError = error as? OpsError
            XCTAssertEqual(opsError?.kind, .upstreamUnavailable)
            XCTAssertEqual(opsError?.message, "upstream anthropic stream error: Overloaded")
            XCTAssertEqual(opsError?.type, "overloaded_error")
        }
    }

    func testMalformedEventIsAProtocolError() {
        var translator = AnthropicStreamTranslator(created: 0)
        XCTAssertThrowsError(try translator.translate(SSEEvent(event: "content_block_delta", data: "{not json"))) { error in
            XCTAssertEqual((error as? OpsError)?.code, "upstream_malformed")
        }
    }

    func testUnknownEventsAndThinkingDeltasAreSkipped() throws {
        var translator = AnthropicStreamTranslator(created: 0)
        let thinkingStart = #"{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}"#
        let thinking = #"{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see"}}"#
        for data in [thinkingStart, thinking, #"{"type":"future_event","x":1}"#, #"{"type":"content_block_stop","index":0}"#] {
            XCTAssertEqual(try translator.translate(SSEEvent(data: data)), [])
        }
    }
}
