import Foundation
import OpsCore
import XCTest
@testable import OpsEval

/// A rubric must show the judge the output, have a model, and declare a sane score range.
final class JudgeRubricTests: XCTestCase {
    static func rubric(_ text: String, config: JSONObject = JSONObject([("model", "judge-model")]), number: Int = 3) -> PromptVersion {
        PromptVersion(name: "helpful", number: number, body: .chat([.system("Rate 1-5. Answer JSON."), .user(text)]),
                      config: config, createdAt: Date(timeIntervalSince1970: 0), author: "t")
    }

    private func assertInvalid(_ version: PromptVersion, model: String? = nil, contains message: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try JudgeRubric(version: version, model: model, metric: "judge:helpful"), file: file, line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix("metric judge:helpful: rubric helpful@3"), "\(error)", file: file, line: line)
            XCTAssertTrue("\(error)".contains(message), "'\(error)' does not contain '\(message)'", file: file, line: line)
        }
    }

    func testReadsRangeModelAndVariables() throws {
        let rubric = try JudgeRubric(version: Self.rubric("Q: {{question}}\nA: {{output}}\nRef: {{expected}}",
                                                          config: JSONObject([("model", "judge-model"), ("score_range", [1, 5])])),
                                     metric: "judge:helpful")
        XCTAssertEqual(rubric.range, 1...5)
        XCTAssertEqual(rubric.model, "judge-model")
        XCTAssertEqual(rubric.variables, ["question", "output", "expected"])
        let defaults = try JudgeRubric(version: Self.rubric("{{output}}"), model: "other", metric: "judge:helpful")
        XCTAssertEqual(defaults.range, 0...1, "no score_range means 0–1")
        XCTAssertEqual(defaults.model, "other", "the run's judge model wins over the rubric's")
        XCTAssertEqual(try JudgeRubric(version: Self.rubric("{{output}}", config: JSONObject([("model", "m"), ("score_range", [0, 0.5])])),
                                       metric: "j").range, 0...0.5)
    }

    func testBadRubricsAreNamed() {
        assertInvalid(Self.rubric("Rate this: {{input}}"), contains: "never shows the judge the output; put {{output}} in it")
        assertInvalid(Self.rubric("{{output}}", config: JSONObject()), contains: "has no model in its config; set config.model or pass --judge-model")
        let range: (JSONValue) -> PromptVersion = { Self.rubric("{{output}}", config: JSONObject([("model", "m"), ("score_range", $0)])) }
        assertInvalid(range([5, 1]), contains: "config.score_range must have LOW below HIGH, got [5,1]")
        assertInvalid(range([1, 1]), contains: "LOW below HIGH")
        assertInvalid(range([1]), contains: "config.score_range must be [LOW, HIGH], two numbers, got [1]")
        assertInvalid(range(["1", "5"]), contains: "two numbers")
        assertInvalid(range("1-5"), contains: "two numbers, got \"1-5\"")
        assertInvalid(Self.rubric("{{output"), contains: "is not a valid template")
    }
}
