import Foundation
import OpsCore
import XCTest

/// Turning recorded traces into dataset items.
final class DatasetItemFromTraceTests: XCTestCase {
    func testChatTraceBecomesAnItem() throws {
        let trace = Trace(id: "t1", project: "p", name: "chat", model: "gpt-4o",
                          input: [["role": "user", "content": "2+2?"]],
                          output: ["role": "assistant", "content": "4"], createdAt: Date(timeIntervalSince1970: 0))
        let item = try DatasetItem(trace: trace)
        XCTAssertEqual(try item.messages()?.map(\.text), ["2+2?"])
        XCTAssertEqual(item.expectedOutput, "4")
        XCTAssertEqual(item.metadata["trace_id"], "t1")
        XCTAssertEqual(item.metadata["model"], "gpt-4o")
    }

    func testToolCallOutputStaysJSONAndEmbeddingTracesAreRejected() throws {
        let call: JSONValue = ["role": "assistant", "content": nil,
                               "tool_calls": [["id": "c1", "type": "function",
                                               "function": ["name": "f", "arguments": "{}"]]]]
        let trace = Trace(project: "p", name: "chat", model: "m", input: [["role": "user", "content": "hi"]],
                          output: call, createdAt: Date(timeIntervalSince1970: 0))
        XCTAssertEqual(try DatasetItem(trace: trace).expectedOutput, call)
        let embedding = Trace(id: "t2", project: "p", name: "embeddings", model: "m", input: "text",
                              createdAt: Date(timeIntervalSince1970: 0))
        XCTAssertThrowsError(try DatasetItem(trace: embedding)) { error in
            XCTAssertEqual((error as? OpsError)?.message, "Trace t2 has no chat messages to use as a dataset input")
        }
    }
}
