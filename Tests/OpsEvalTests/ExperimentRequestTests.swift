import Foundation
import OpsCore
import XCTest
@testable import OpsEval

/// Building the chat request an experiment sends for an item.
final class ExperimentRequestTests: XCTestCase {
    private let prompt = PromptVersion(name: "qa", number: 2, body: .text("Q: {{question}}"),
                                       config: JSONObject([("model", "gpt-4o"), ("temperature", 0)]),
                                       createdAt: Date(timeIntervalSince1970: 0), author: "ada")

    func testPromptTarget() throws {
        let item = DatasetItem(input: ["question": "2+2?"])
        let request = try ExperimentRequest.chat(for: item, target: .prompt(name: "qa", version: 2, model: nil), prompt: prompt)
        XCTAssertEqual(request.model, "gpt-4o")
        XCTAssertEqual(request.messages.map(\.text), ["Q: 2+2?"])
        XCTAssertEqual(request.temperature, 0)
        XCTAssertEqual(request.metadata?["prompt_version"], 2)
        let other = try ExperimentRequest.chat(for: item, target: .prompt(name: "qa", version: 2, model: "local/smol"),
                                               prompt: prompt)
        XCTAssertEqual(other.model, "local/smol")
        XCTAssertThrowsError(try ExperimentRequest.chat(for: DatasetItem(input: ["q": "x"]),
                                                        target: .prompt(name: "qa", version: 2, model: nil), prompt: prompt)) {
            XCTAssertEqual(($0 as? OpsError)?.param, "prompt.variables")
        }
        XCTAssertThrowsError(try ExperimentRequest.chat(for: item, target: .prompt(name: "qa", version: 1, model: nil),
                                                        prompt: prompt))
    }

    func testModelTarget() throws {
        let item = DatasetItem(input: ["messages": [["role": "user", "content": "hi"]]])
        let request = try ExperimentRequest.chat(for: item, target: .model("fast"))
        XCTAssertEqual(request.model, "fast")
        XCTAssertEqual(request.messages, [.user("hi")])
        XCTAssertThrowsError(try ExperimentRequest.chat(for: DatasetItem(input: "x"), target: .model("fast"))) {
            XCTAssertEqual(($0 as? OpsError)?.param, "input.messages")
        }
    }
}
