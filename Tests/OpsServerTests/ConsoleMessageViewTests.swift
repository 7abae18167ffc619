import OpsCore
@testable import OpsServer
import XCTest

final class ConsoleMessageViewTests: XCTestCase {
    func testChatMessagesKeepTheirRolesAndText() {
        let views = MessageView.list(from: [["role": "system", "content": "Be brief."], ["role": "user", "content": "Hi"]])
        XCTAssertEqual(views.map(\.role), ["system", "user"])
        XCTAssertEqual(views.map(\.text), ["Be brief.", "Hi"])
        XCTAssertEqual(views.map(\.extra), [nil, nil])
    }

    func testMultiPartContentShowsTextAndKeepsOtherPartsAsJSON() {
        let message: JSONValue = ["role": "user", "content": [["type": "text", "text": "What is this?"],
                                                              ["type": "image_url", "image_url": ["url": "https://x/y.png"]]]]
        let view = MessageView(item: message, defaultRole: "input")
        XCTAssertEqual(view.text, "What is this?")
        XCTAssertEqual(view.extra, """
        {
          "content_parts": [
            {
              "type": "image_url",
              "image_url": {
                "url": "https://x/y.png"
              }
            }
          ]
        }
        """)
    }

    func testToolCallsWithoutContentShowAsJSON() {
        let message: JSONValue = ["role": "assistant", "content": nil,
                                  "tool_calls": [["id": "call_1", "type": "function", "function": ["name": "f", "arguments": "{}"]]]]
        let view = MessageView(item: message, defaultRole: "output")
        XCTAssertEqual(view.role, "assistant")
        XCTAssertNil(view.text)
        XCTAssertTrue(view.extra?.contains("\"tool_calls\": [") == true)
        XCTAssertTrue(view.extra?.contains("\"name\": \"f\"") == true)
    }

    func testEmbeddingInputsAndOutputs() {
        XCTAssertEqual(MessageView.list(from: ["first", "second"]).map(\.text), ["first", "second"])
        XCTAssertEqual(MessageView.list(from: "just one").map(\.role), ["input"])
        XCTAssertTrue(MessageView.list(from: .null).isEmpty)
        let output = MessageView(item: ["vectors": 2, "dimensions": 384], defaultRole: "output")
        XCTAssertEqual(output.role, "output")
        XCTAssertNil(output.text)
        XCTAssertEqual(output.extra, "{\n  \"vectors\": 2,\n  \"dimensions\": 384\n}")
    }

    func testJSONPrettyPrintsEmptyContainersAndScalarsInline() {
        XCTAssertEqual(JSONPretty.format(["a": [], "b": [:], "c": 1.5, "d": true, "e": nil]),
                       "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": 1.5,\n  \"d\": true,\n  \"e\": null\n}")
    }
}
