import Foundation
import OpsCore
import XCTest
@testable import OpsEval

/// The judge metric with a scripted judge: what the judge is sent, and how its answers become
/// scores with reasons or per-item errors (never 0s) in a run.
final class LLMJudgeMetricTests: XCTestCase {
    private static func judge(_ text: String = "Q: {{question}}\nIn: {{input}}\nOut: {{output}}\nRef: {{expected}}",
                              client: ScriptedJudge) throws -> LLMJudgeMetric {
        let version = JudgeRubricTests.rubric(text, config: JSONObject([("model", "judge-model"), ("score_range", [1, 5])]))
        return LLMJudgeMetric(name: "judge:helpful@production",
                              rubric: try JudgeRubric(version: version, metric: "judge:helpful@production"), client: client)
    }

    func testSendsTheRubricVersionWithTheItemsVariables() async throws {
        let client = ScriptedJudge { _ in #"{"score": 4, "reason": "close to the reference"}"# }
        let metric = try Self.judge(client: client)
        let item = DatasetItem(input: ["question": "2+2?"], expectedOutput: "4", metadata: JSONObject([("topic", "math")]))
        let score = try await metric.score(ScoringSubject(item: item, output: "four"))
        XCTAssertEqual(score, MetricScore(value: 4, reason: "close to the reference"))
        let requests = await client.requests
        XCTAssertEqual(requests, [JudgeRequest(prompt: "helpful", version: 3, variables: JSONObject([
            ("question", "2+2?"), ("input", #"{"question":"2+2?"}"#), ("output", "four"), ("expected", "4"),
        ]), model: "judge-model")], "only the variables the rubric uses, the version resolved, the rubric's model")
    }

    func testInputTextOfStringsAndConversations() async throws {
        let client = ScriptedJudge { _ in #"{"score": 1, "reason": "r"}"# }
        let metric = try Self.judge("{{input}} => {{output}} ({{metadata}})", client: client)
        _ = try await metric.score(ScoringSubject(item: DatasetItem(input: "plain question"), output: "o"))
        let conversation: JSONValue = ["messages": [["role": "system", "content": "be brief"], ["role": "user", "content": "hi"]]]
        _ = try await metric.score(ScoringSubject(item: DatasetItem(input: conversation), output: "o"))
        let inputs = await client.requests.map { $0.variables["input"] }
        XCTAssertEqual(inputs, ["plain question", "system: be brief\nuser: hi"])
        let metadata = await client.requests.map { $0.variables["metadata"] }
        XCTAssertEqual(metadata, ["{}", "{}"])
    }

    func testItemWithoutWhatTheRubricNeedsIsAnError() async throws {
        let client = ScriptedJudge { _ in #"{"score": 3, "reason": "r"}"# }
        let metric = try Self.judge(client: client)
        do {
            _ = try await metric.score(ScoringSubject(item: DatasetItem(input: ["question": "q"]), output: "o"))
            XCTFail("an item without expected_output cannot fill {{expected}}")
        } catch {
            XCTAssertEqual("\(error)", "the rubric uses {{expected}}, but this item has no expected_output")
        }
        do {
            _ = try await metric.score(ScoringSubject(item: DatasetItem(input: ["other": "q"], expectedOutput: "x"), output: "o"))
            XCTFail("an item without the rubric's variable cannot be judged")
        } catch {
            XCTAssertTrue("\(error)".hasPrefix("the rubric uses {{question}}, which this item does not provide"), "\(error)")
        }
        let calls = await client.requests.count
        XCTAssertEqual(calls, 0, "the judge is not called for an item it cannot be shown")
    }

    func testRunStoresScoresWithReasonsAndErrorsInsteadOfZeros() async throws {
        // The judge answers by the output it is shown: good, malformed, out of range, fenced, failing.
        let client = ScriptedJudge { request in
            switch request.variables["output"]?.stringValue {
            case "a0": return #"{"score": 5, "reason": "perfect"}"#
            case "a1": return "I would give it a 4."
            case "a2": return #"{"score": 9, "reason": "off the scale"}"#
            case "a3": return "```json\n{\"score\": 2, \"reason\": \"weak\"}\n```"
            default: throw ScriptedJudge.Failure(description: "the server answered 502: upstream unavailable")
            }
        }
        let metric = try Self.judge("{{question}} {{output}}", client: client)
        let items = (0..<5).map { DatasetItem(input: ["question": .string("q\($0)")], expectedOutput: .string("a\($0)")) }
        let plan = try ExperimentPlan(dataset: "d", datasetVersion: "v", target: .model("m"),
                                      metrics: ["exact", "judge:helpful@production"], concurrency: 2)
        let runner = ExperimentRunner(plan: plan, scorers: [MetricScorer(ExactMatchMetric()), metric])
        let results = await runner.run(items: items, target: { item in
            TargetOutput(text: "a" + item.variables["question"]!.stringValue!.dropFirst(), latency: 0)
        })
        let name = "judge:helpful@production"
        XCTAssertEqual(results.map { $0.score(name) }, [5, nil, nil, 2, nil])
        XCTAssertEqual(results.map { $0.score("exact") }, [1, 1, 1, 1, 1], "a judge error does not touch other metrics")
        XCTAssertEqual(results[0].scores[name]?.reason, "perfect")
        XCTAssertTrue(results[1].scoreErrors[name]!.hasPrefix("the judge's answer is not JSON"), results[1].scoreErrors[name]!)
        XCTAssertEqual(results[2].scoreErrors[name], "the judge's score 9 is outside the rubric's range [1, 5]")
        XCTAssertEqual(results[4].scoreErrors[name], "the judge call failed: the server answered 502: upstream unavailable")
        XCTAssertEqual(results.mean(name), 3.5, "errors are left out of the mean, not counted as 0")

        let record = results[0].record
        XCTAssertEqual(record.scores[name], 5.0)
        XCTAssertEqual(record.scoreReasons[name], "perfect")
        XCTAssertNil(record.scoreReasons["exact"], "a passing exact match has no reason to store")
        XCTAssertEqual(ExperimentItemResult(record: record).scores[name]?.reason, "perfect", "reasons survive storage")
        let summary = ExperimentSummary(results: results, items: items, scorers: [MetricScorer(ExactMatchMetric()), metric])
        XCTAssertEqual(summary.metrics.map(\.errors), [0, 3])
        XCTAssertEqual(summary.metrics.map(\.scored), [5, 2])
    }
}

/// A judge that answers from a closure and records what it was asked.
actor ScriptedJudge: JudgeClient {
    struct Failure: Error, CustomStringConvertible { var description: String }
    private let answer: @Sendable (JudgeRequest) throws -> String
    private(set) var requests: [JudgeRequest] = []

    init(_ answer: @escaping @Sendable (JudgeRequest) throws -> String) {
        self.answer = answer
    }

    func complete(_ request: JudgeRequest) async throws -> String {
        requests.append(request)
        return try answer(request)
    }
}
