import OpsCore
import XCTest

@testable import OpsProviders

/// Helpers shared by the Anthropic translation tests: requests and expectations are written as
/// the JSON a client or Anthropic would send, so each test reads like the wire.
enum AnthropicTestSupport {
    static func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
        do { return try JSONParser.parse(text) } catch {
            XCTFail("fixture is not JSON: \(error)", file: file, line: line)
            return .null
        }
    }

    /// The Messages API body for an OpenAI request body.
    static func anthropicBody(_ openAIBody: String) throws -> JSONValue {
        try AnthropicRequestTranslator.body(for: ChatRequest(json: json(openAIBody)), model: "claude-test")
    }

    /// The error translating `openAIBody` throws, or a failure when it translates.
    static func translationError(_ openAIBody: String, file: StaticString = #filePath, line: UInt = #line) -> OpsError? {
        do {
            let body = try anthropicBody(openAIBody)
            XCTFail("expected an error, got \(body.serializedString())", file: file, line: line)
        } catch let error as OpsError {
            return error
        } catch {
            XCTFail("expected an OpsError, got \(error)", file: file, line: line)
        }
        return nil
    }

    /// Splits a recorded SSE transcript into the events a decoder reads from it.
    static func events(_ transcript: String) -> [SSEEvent] {
        var decoder = SSEDecoder()
        var events = decoder.feed(Array(transcript.utf8))
        if let last = decoder.finish() { events.append(last) }
        return events
    }

    static func assertJSONEqual(_ actual: JSONValue, _ expected: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        let expectedJSON = json(expected, file: file, line: line)
        XCTAssertEqual(actual, expectedJSON,
                       "\n got: \(actual.serializedString())\nwant: \(expectedJSON.serializedString())",
                       file: file, line: line)
    }

    static func assertChunks(_ chunks: [ChatChunk], _ expected: [String],
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(chunks.count, expected.count, "chunk count: \(chunks.map { $0.json.serializedString() })",
                       file: file, line: line)
        for (chunk, want) in zip(chunks, expected) { assertJSONEqual(chunk.json, want, file: file, line: line) }
    }
}
