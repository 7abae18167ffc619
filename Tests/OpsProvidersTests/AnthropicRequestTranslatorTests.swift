import OpsCore
import XCTest

@testable import OpsProviders

final class AnthropicRequestTranslatorTests: XCTestCase {
    private typealias T = AnthropicTestSupport

    func testSystemAndDeveloperMessagesBecomeTheTopLevelSystemPrompt() throws {
        let body = try T.anthropicBody("""
            {"model":"claude","messages":[
              {"role":"system","content":"Be brief."},
              {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
              {"role":"user","content":"Hello"}]}
            """)
        T.assertJSONEqual(body, """
            {"model":"claude-test","system":"Be brief.\\n\\nAnswer in French.",
             "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}],
             "max_tokens":4096}
            """)
    }

    func testConsecutiveSameRoleMessagesAreMergedIntoOneTurn() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[
              {"role":"user","content":"one"},{"role":"user","content":"two"},
              {"role":"assistant","content":"three"},{"role":"assistant","content":""},
              {"role":"assistant","content":"four"},{"role":"user","content":"five"}]}
            """)
        T.assertJSONEqual(body["messages"] ?? .null, """
            [{"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
             {"role":"assistant","content":[{"type":"text","text":"three"},{"type":"text","text":"four"}]},
             {"role":"user","content":[{"type":"text","text":"five"}]}]
            """)
    }

    func testSamplingParametersStopUserAndStream() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":100,"stop":"END",
             "temperature":0.5,"top_p":0.9,"top_k":40,"user":"user-7","stream":true,"seed":3}
            """)
        T.assertJSONEqual(body, """
            {"model":"claude-test","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],
             "max_tokens":100,"stop_sequences":["END"],"temperature":0.5,"top_p":0.9,"top_k":40,
             "metadata":{"user_id":"user-7"},"stream":true}
            """)
    }

    func testMaxCompletionTokensAndStopListAreHonoured() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"max_completion_tokens":7,"stop":["a","b"]}
            """)
        XCTAssertEqual(body["max_tokens"], 7)
        XCTAssertEqual(body["stop_sequences"], ["a", "b"])
    }

    func testImagePartsBecomeImageBlocks() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"text","text":"What is this?"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
              {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"low"}},
              {"type":"text","text":"Be precise.","cache_control":{"type":"ephemeral"}}]}]}
            """)
        T.assertJSONEqual(body["messages"]?.arrayValue?.first?["content"] ?? .null, """
            [{"type":"text","text":"What is this?"},
             {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
             {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
             {"type":"text","text":"Be precise.","cache_control":{"type":"ephemeral"}}]
            """)
    }

    func testUnsupportedPartTypeIsRejectedNamingTheField() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"hi"},
              {"type":"input_audio","input_audio":{"data":"AAA","format":"wav"}}]}]}
            """)
        XCTAssertEqual(error?.kind, .invalidRequest)
        XCTAssertEqual(error?.param, "messages[0].content[1].type")
        XCTAssertTrue(error?.message.contains("'input_audio'") == true, error?.message ?? "")
    }

    func testImageURLThatIsNeitherHTTPNorBase64IsRejected() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":[
              {"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]}]}
            """)
        XCTAssertEqual(error?.kind, .invalidRequest)
        XCTAssertEqual(error?.param, "messages[0].content[0].image_url.url")
    }

    func testSystemPromptWithANonTextPartIsRejected() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"system","content":[
              {"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]},{"role":"user","content":"hi"}]}
            """)
        XCTAssertEqual(error?.param, "messages[0].content[0]")
    }

    func testNOtherThanOneIsRejected() {
        let error = T.translationError(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"n":2}"#)
        XCTAssertEqual(error?.kind, .invalidRequest)
        XCTAssertEqual(error?.param, "n")
    }

    func testFunctionRoleIsRejected() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"function","name":"f","content":"1"}]}
            """)
        XCTAssertEqual(error?.param, "messages[1].role")
    }
}
