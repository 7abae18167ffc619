import OpsCore
import XCTest

final class ChatRequestTests: XCTestCase {
    private func parse(_ text: String) throws -> ChatRequest { try ChatRequest(json: try JSONParser.parse(text)) }

    private func assertInvalid(_ text: String, param: String, contains: String, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), line: line) { error in
            let e = error as? OpsError
            XCTAssertEqual(e?.kind, .invalidRequest, line: line)
            XCTAssertEqual(e?.param, param, line: line)
            XCTAssertTrue(e?.message.contains(contains) == true, "\(e?.message ?? "")", line: line)
        }
    }

    func testReadsKnownFieldsAndKeepsUnknownOnes() throws {
        let r = try parse(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"temperature":0.2,"max_tokens":5,"stop":"END","stream":true,"stream_options":{"include_usage":true},"logit_bias":{"1":2},"metadata":{"k":"v"}}"#)
        XCTAssertEqual(r.model, "m")
        XCTAssertEqual(r.messages, [.user("hi")])
        XCTAssertEqual(r.temperature, 0.2)
        XCTAssertEqual(r.maxTokens, 5)
        XCTAssertEqual(r.stop, ["END"])
        XCTAssertTrue(r.stream && r.includeUsageInStream)
        XCTAssertEqual(r.extra["logit_bias"], ["1": 2])
        let upstream = r.upstreamJSON(model: "real")
        XCTAssertEqual(upstream["model"], "real")
        XCTAssertEqual(upstream["logit_bias"], ["1": 2])
        XCTAssertNil(upstream["metadata"], "the gateway's own metadata stays home")
    }

    func testContentPartsAndToolCalls() throws {
        let r = try parse(#"{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"x"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"42"}]}"#)
        XCTAssertEqual(r.messages[0].text, "a")
        XCTAssertEqual(r.messages[1].toolCalls?.first?.name, "f")
        XCTAssertEqual(r.messages[2].toolCallID, "c1")
    }

    func testErrorsNameTheField() {
        assertInvalid(#"{"messages":[]}"#, param: "model", contains: "model is required")
        assertInvalid(#"{"model":"m"}"#, param: "messages", contains: "messages is required")
        assertInvalid(#"{"model":"m","messages":[]}"#, param: "messages", contains: "at least one")
        assertInvalid(#"{"model":"m","messages":"hi"}"#, param: "messages", contains: "must be an array, got a string")
        assertInvalid(#"{"model":"m","messages":[{"role":"user"}]}"#, param: "messages[0].content", contains: "is required")
        assertInvalid(#"{"model":"m","messages":[{"role":"robot","content":"x"}]}"#, param: "messages[0].role", contains: "must be one of")
        assertInvalid(#"{"model":"m","messages":[{"role":"user","content":3}]}"#, param: "messages[0].content", contains: "got a number")
        assertInvalid(#"{"model":"m","messages":[{"role":"user","content":"x"}],"temperature":3}"#, param: "temperature", contains: "between 0 and 2")
        assertInvalid(#"{"model":"m","messages":[{"role":"user","content":"x"}],"max_tokens":0}"#, param: "max_tokens", contains: "between 1 and")
        assertInvalid(#"{"model":"m","messages":[{"role":"user","content":"x"}],"stop":[1]}"#, param: "stop", contains: "stop[0] must be a string")
        assertInvalid(#"{"model":"m","messages":[{"role":"user","content":"x"}],"stream":"yes"}"#, param: "stream", contains: "a boolean")
        XCTAssertThrowsError(try parse("[1]"))
    }
}
