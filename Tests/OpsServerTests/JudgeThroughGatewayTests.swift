import Foundation
import OpsCore
import OpsEval
import OpsTesting
import XCTest

/// An LLM judge whose calls go through the real gateway (the rubric rendered by the server from the
/// registry) to the mock upstream scripted to answer well, malformed, out of range, or fail.
final class JudgeThroughGatewayTests: XCTestCase {
    /// What the CLI's judge client does: the rubric by name and version in the `prompt` field.
    private struct HarnessJudge: JudgeClient {
        let gw: GatewayHarness
        func complete(_ request: JudgeRequest) async throws -> String {
            var body = JSONObject([("prompt", ["name": .string(request.prompt), "version": .int(Int64(request.version)),
                                               "variables": .object(request.variables)])])
            if let model = request.model { body["model"] = .string(model) }
            let reply = try await gw.post("/v1/chat/completions", .object(body), key: gw.developer)
            guard reply.status == 200 else { throw OpsError(.upstream(status: reply.status), reply.text) }
            return reply.json["choices"]?[0]?["message"]?["content"]?.stringValue ?? ""
        }
    }

    func testGoodMalformedOutOfRangeAndFailedJudgeAnswers() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let pushed = try await gw.post("/api/prompts", [
            "name": "grader", "messages": [["role": "system", "content": "Answer JSON."],
                                           ["role": "user", "content": "JUDGE output={{output}} expected={{expected}}"]],
            "config": ["model": "mock-model", "score_range": [1, 5], "temperature": 0], "labels": ["production"],
        ], key: gw.developer)
        XCTAssertEqual(pushed.status, 201, pushed.text)
        gw.mock.setRules([
            ("output=good", .reply(#"{"score": 5, "reason": "matches the reference"}"#)),
            ("output=fenced", .reply("```json\n{\"score\": 2, \"reason\": \"partly\"}\n```")),
            ("output=chatty", .reply("I'd rate this a 4 out of 5.")),
            ("output=high", .reply(#"{"score": 7, "reason": "excellent"}"#)),
            ("output=broken", .status(503, message: "judge overloaded")),
        ])
        let versionJSON = try await gw.get("/api/prompts/grader@production", key: gw.viewer).json
        let version = PromptVersion(name: "grader", number: versionJSON["version"]?.intValue ?? 0,
                                    body: .chat([.user("JUDGE output={{output}} expected={{expected}}")]),
                                    config: versionJSON["config"]?.objectValue ?? JSONObject(), createdAt: Date(), author: "")
        let rubric = try JudgeRubric(version: version, metric: "judge:grader@production")
        let judge = LLMJudgeMetric(name: "judge:grader@production", rubric: rubric, client: HarnessJudge(gw: gw))
        var results: [String: Result<MetricScore, any Error>] = [:]
        for output in ["good", "fenced", "chatty", "high", "broken"] {
            let subject = ScoringSubject(item: DatasetItem(input: "q", expectedOutput: "good"), output: output)
            do { results[output] = .success(try await judge.score(subject)) } catch { results[output] = .failure(error) }
        }
        XCTAssertEqual(try results["good"]?.get(), MetricScore(value: 5, reason: "matches the reference"))
        XCTAssertEqual(try results["fenced"]?.get(), MetricScore(value: 2, reason: "partly"))
        func message(_ key: String) -> String {
            if case .failure(let error)? = results[key] { return "\(error)" }
            return "no error"
        }
        XCTAssertTrue(message("chatty").hasPrefix("the judge's answer is not JSON"), message("chatty"))
        XCTAssertEqual(message("high"), "the judge's score 7 is outside the rubric's range [1, 5]")
        XCTAssertTrue(message("broken").hasPrefix("the judge call failed:") && message("broken").contains("judge overloaded"),
                      message("broken"))

        let sent = gw.mock.requests.compactMap { $0["messages"]?.arrayValue?.last?["content"]?.stringValue }
        XCTAssertTrue(sent.contains("JUDGE output=good expected=good"), "the server rendered the rubric: \(sent)")
        XCTAssertEqual(gw.mock.requests.first?["temperature"]?.doubleValue, 0, "the rubric's config reaches the judge model")
        let traces = try await gw.traces(key: gw.viewer, query: "prompt=grader@1")
        XCTAssertEqual(traces.count, 5, "every judge call is traced and linked to the rubric version")
    }
}
