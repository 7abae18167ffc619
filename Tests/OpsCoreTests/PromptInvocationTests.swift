import Foundation
import OpsCore
import XCTest

/// The `prompt` field of a chat request: parsing with named errors, and applying a version.
final class PromptInvocationTests: XCTestCase {
    private let version = PromptVersion(
        name: "support", number: 3, body: .chat([.system("Answer as {{company}} support.")]),
        config: JSONObject([("model", "gpt-4o-mini"), ("temperature", 0.1), ("max_tokens", 200), ("stop", "END")]),
        createdAt: Date(timeIntervalSince1970: 0), author: "ada")

    func testParses() throws {
        let invocation = try PromptInvocation(json: ["name": "support", "label": "production",
                                                     "variables": ["company": "Acme"]])
        XCTAssertEqual(invocation.reference.description, "support@production")
        XCTAssertEqual(invocation.variables, ["company": "Acme"])
        XCTAssertEqual(try PromptInvocation(json: ["name": "support", "version": 3]).reference.selector, .version(3))
        let cases: [(JSONValue, String)] = [
            (["label": "x"], "prompt.name"), (["name": "s", "label": "a", "version": 1], "prompt.version"),
            (["name": "s", "version": 0], "prompt.version"), (["name": "s", "variables": [1]], "prompt.variables"),
            (["name": "s", "vars": [:]], "prompt.vars"), ("support", "prompt"), (["name": "s", "label": "7"], "prompt.label"),
        ]
        for (json, param) in cases {
            XCTAssertThrowsError(try PromptInvocation(json: json), "\(json)") { error in
                XCTAssertEqual((error as? OpsError)?.param, param, "\(json): \(error)")
            }
        }
    }

    func testAppliesMessagesConfigAndMetadata() throws {
        let request = ChatRequest(model: "", messages: [.user("Where is my order?")], temperature: 0.7,
                                  extra: JSONObject([("prompt", ["name": "support"]), ("logprobs", true)]))
        let applied = try PromptInvocation(reference: PromptReference(name: "support"), variables: ["company": "Acme"])
            .apply(version, to: request)
        XCTAssertEqual(applied.messages.map(\.text), ["Answer as Acme support.", "Where is my order?"])
        XCTAssertEqual(applied.model, "gpt-4o-mini")
        XCTAssertEqual(applied.temperature, 0.7)
        XCTAssertEqual(applied.maxTokens, 200)
        XCTAssertEqual(applied.stop, ["END"])
        XCTAssertNil(applied.extra["prompt"])
        XCTAssertEqual(applied.extra["logprobs"], true)
        XCTAssertEqual(applied.metadata?["prompt_name"], "support")
        XCTAssertEqual(applied.metadata?["prompt_version"], 3)
    }

    func testMissingVariablesAreA400NamingThem() {
        XCTAssertThrowsError(try PromptInvocation(reference: PromptReference(name: "support"))
            .apply(version, to: ChatRequest(model: "m", messages: []))) { error in
            let error = error as? OpsError
            XCTAssertEqual(error?.kind, .invalidRequest)
            XCTAssertEqual(error?.param, "prompt.variables")
            XCTAssertTrue(error?.message.contains("'company'") ?? false)
        }
    }
}
