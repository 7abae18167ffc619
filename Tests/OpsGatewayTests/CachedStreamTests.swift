import OpsCore
@testable import OpsGateway
import XCTest

final class CachedStreamTests: XCTestCase {
    func testReplaysRoleContentFinishAndUsage() async throws {
        let response = ChatResponse(id: "r1", created: 7, model: "m",
                                    choices: [ChatChoice(index: 0, message: .assistant("Paris"), finishReason: "stop")],
                                    usage: Usage(promptTokens: 10, completionTokens: 2))
        let chunks = CachedStream.chunks(from: response, includeUsage: true)
        XCTAssertEqual(chunks.count, 4)
        XCTAssertEqual(chunks[0].choices[0].delta.role, "assistant")
        XCTAssertEqual(chunks[1].choices[0].delta.content, "Paris")
        XCTAssertEqual(chunks[2].choices[0].finishReason, "stop")
        XCTAssertEqual(chunks[3].usage?.totalTokens, 12)
        XCTAssertTrue(chunks.allSatisfy { $0.id == "r1" && $0.created == 7 })
        var text = ""
        for try await chunk in CachedStream.stream(from: response, includeUsage: false) {
            text += chunk.choices.first?.delta.content ?? ""
            XCTAssertNil(chunk.usage)
        }
        XCTAssertEqual(text, "Paris")
    }

    func testToolCallsAreReplayedAsDeltas() {
        let message = ChatMessage(role: "assistant", content: nil, toolCalls: [ToolCall(id: "c1", name: "f", arguments: "{}")])
        let response = ChatResponse(id: "r", created: 0, model: "m",
                                    choices: [ChatChoice(index: 0, message: message, finishReason: "tool_calls")])
        let chunks = CachedStream.chunks(from: response, includeUsage: true)
        XCTAssertEqual(chunks.count, 3, "no usage chunk without usage")
        XCTAssertEqual(chunks[1].choices[0].delta.toolCalls?.first?.name, "f")
        XCTAssertNil(chunks[1].choices[0].delta.content)
        XCTAssertEqual(chunks[2].choices[0].finishReason, "tool_calls")
    }
}
