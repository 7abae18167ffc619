import OpsCore
import XCTest

@testable import OpsProviders

/// Tools in requests: definitions, choices, assistant tool calls and tool results.
final class AnthropicToolTranslationTests: XCTestCase {
    private typealias T = AnthropicTestSupport

    func testToolCallsAndResultsBecomeToolUseAndToolResultBlocks() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[
              {"role":"user","content":"Weather in Paris and Oslo?"},
              {"role":"assistant","content":"Let me check.","tool_calls":[
                {"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                {"id":"toolu_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"18C"},
              {"role":"tool","tool_call_id":"toolu_2","content":[{"type":"text","text":"4C"}]},
              {"role":"user","content":"Which is warmer?"}]}
            """)
        T.assertJSONEqual(body["messages"] ?? .null, """
            [{"role":"user","content":[{"type":"text","text":"Weather in Paris and Oslo?"}]},
             {"role":"assistant","content":[{"type":"text","text":"Let me check."},
               {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}},
               {"type":"tool_use","id":"toolu_2","name":"weather","input":{"city":"Oslo"}}]},
             {"role":"user","content":[
               {"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
               {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"4C"}]},
               {"type":"text","text":"Which is warmer?"}]}]
            """)
    }

    func testToolCallWithoutTextOrArgumentsSendsOnlyAnEmptyInput() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":"time?"},
              {"role":"assistant","content":null,"tool_calls":[
                {"id":"t","type":"function","function":{"name":"now","arguments":""}}]}]}
            """)
        T.assertJSONEqual(body["messages"]?.arrayValue?.last ?? .null, """
            {"role":"assistant","content":[{"type":"tool_use","id":"t","name":"now","input":{}}]}
            """)
    }

    func testInvalidToolCallArgumentsAreRejectedNamingTheField() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[
              {"id":"a","type":"function","function":{"name":"f","arguments":"{}"}},
              {"id":"b","type":"function","function":{"name":"f","arguments":"{\\"x\\":"}}]}]}
            """)
        XCTAssertEqual(error?.kind, .invalidRequest)
        XCTAssertEqual(error?.param, "messages[1].tool_calls[1].function.arguments")
        XCTAssertTrue(error?.message.contains("not valid JSON") == true, error?.message ?? "")
    }

    func testToolCallArgumentsMustBeAnObject() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[
              {"id":"a","type":"function","function":{"name":"f","arguments":"[1]"}}]}]}
            """)
        XCTAssertEqual(error?.param, "messages[1].tool_calls[0].function.arguments")
    }

    func testToolMessageWithoutToolCallIDIsRejected() {
        let error = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","content":"42"}]}
            """)
        XCTAssertEqual(error?.param, "messages[1].tool_call_id")
    }

    func testFunctionToolsBecomeAnthropicTools() throws {
        let body = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[
              {"type":"function","function":{"name":"weather","description":"Current weather",
                "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
              {"type":"function","function":{"name":"now"}}]}
            """)
        T.assertJSONEqual(body["tools"] ?? .null, """
            [{"name":"weather","description":"Current weather",
              "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
             {"name":"now","input_schema":{"type":"object","properties":{}}}]
            """)
        XCTAssertNil(body["tool_choice"])
    }

    func testToolChoiceMapping() throws {
        let cases: [(String, String)] = [
            (#""auto""#, #"{"type":"auto"}"#),
            (#""none""#, #"{"type":"none"}"#),
            (#""required""#, #"{"type":"any"}"#),
            (#"{"type":"function","function":{"name":"f"}}"#, #"{"type":"tool","name":"f"}"#),
        ]
        for (choice, expected) in cases {
            let body = try T.anthropicBody("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":\(choice)}
                """)
            T.assertJSONEqual(body["tool_choice"] ?? .null, expected)
        }
    }

    func testParallelToolCallsFalseDisablesParallelToolUse() throws {
        let tools = #""tools":[{"type":"function","function":{"name":"f"}}]"#
        let implicit = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],\(tools),"parallel_tool_calls":false}
            """)
        T.assertJSONEqual(implicit["tool_choice"] ?? .null, #"{"type":"auto","disable_parallel_tool_use":true}"#)
        let required = try T.anthropicBody("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],\(tools),"tool_choice":"required",
             "parallel_tool_calls":false}
            """)
        T.assertJSONEqual(required["tool_choice"] ?? .null, #"{"type":"any","disable_parallel_tool_use":true}"#)
        XCTAssertNil(required["parallel_tool_calls"], "OpenAI-only fields are not forwarded")
    }

    func testUnknownToolChoiceAndToolTypeAreRejected() {
        let badChoice = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"tool_choice":"sometimes"}
            """)
        XCTAssertEqual(badChoice?.param, "tool_choice")
        XCTAssertTrue(badChoice?.message.contains("'sometimes'") == true, badChoice?.message ?? "")
        let badTool = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"code_interpreter"}]}
            """)
        XCTAssertEqual(badTool?.param, "tools[0].type")
        let nameless = T.translationError("""
            {"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{}}]}
            """)
        XCTAssertEqual(nameless?.param, "tools[0].function.name")
    }
}
