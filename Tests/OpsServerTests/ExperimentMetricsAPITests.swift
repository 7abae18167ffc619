import OpsCore
import XCTest

/// Judge and external metrics in experiment plans: the server resolves a judge's rubric label to a
/// version when the run is created, checks the rubric and the metric settings, and names the
/// field of every bad plan.
final class ExperimentMetricsAPITests: XCTestCase {
    private func setUp(_ gw: GatewayHarness) async throws {
        for body: JSONValue in [
            ["name": "qa", "text": "{{question}}", "config": ["model": "mock-model"]],
            ["name": "grader", "messages": [["role": "user", "content": "JUDGE {{output}} vs {{expected}}"]],
             "config": ["model": "mock-model", "score_range": [1, 5]], "labels": ["production"]],
            ["name": "grader", "messages": [["role": "user", "content": "JUDGE2 {{output}}"]], "config": ["model": "mock-model"]],
            ["name": "blind", "text": "Rate {{input}}", "config": ["model": "mock-model"]],
            ["name": "modelless", "text": "Rate {{output}}"],
        ] {
            let reply = try await gw.post("/api/prompts", body, key: gw.developer)
            XCTAssertEqual(reply.status, 201, reply.text)
        }
        let dataset = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer,
                                           body: "{\"input\": {\"question\": \"a\"}, \"expected_output\": \"a\"}\n")
        XCTAssertEqual(dataset.status, 201, dataset.text)
    }

    private func plan(_ metrics: [JSONValue], settings: JSONValue? = nil) -> JSONValue {
        var o = JSONObject([("dataset", "ds"), ("target", ["type": "prompt", "prompt": "qa", "version": 1]),
                            ("metrics", .array(metrics))])
        if let settings { o["settings"] = settings }
        return .object(o)
    }

    func testJudgeLabelsResolveAtCreationAndSettingsAreStored() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await setUp(gw)
        let created = try await gw.post("/api/experiments", plan(["exact", "judge:grader@production", "judge:grader",
                                                                  "external:cmd:./score.sh", "external:http:http://127.0.0.1:1/s"],
                                                                 settings: ["ignore_case": true, "scorer_timeout": 5]),
                                        key: gw.developer)
        XCTAssertEqual(created.status, 201, created.text)
        let settings = created.json["plan"]?["settings"]
        XCTAssertEqual(settings?["judges"], ["judge:grader": 2, "judge:grader@production": 1],
                       "the label and 'latest' are pinned to the versions they named at creation")
        XCTAssertEqual(settings?["ignore_case"], true)
        XCTAssertEqual(settings?["ignore_punctuation"], false)
        XCTAssertEqual(settings?["scorer_timeout"], 5.0)
        XCTAssertEqual(settings?["scorer_concurrency"], 4)

        let moved = try await gw.sendRaw(.PUT, "/api/prompts/grader/labels/production", key: gw.developer, body: "{\"version\": 2}")
        XCTAssertEqual(moved.status, 200, moved.text)
        let read = try await gw.get("/api/experiments/\(created.json["id"]?.stringValue ?? "")", key: gw.viewer)
        XCTAssertEqual(read.json["plan"]?["settings"]?["judges"]?["judge:grader@production"], 1, "a later label move changes nothing")

        let pinned = try await gw.post("/api/experiments", plan(["judge:grader@production"], settings: ["judges": ["judge:grader@production": 1]]),
                                       key: gw.developer)
        XCTAssertEqual(pinned.json["plan"]?["settings"]?["judges"], ["judge:grader@production": 1],
                       "a resumed client's pinned version is kept even though the label moved")
    }

    func testBadJudgeAndScorerPlansAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await setUp(gw)
        let cases: [(JSONValue, Int, String, String)] = [
            (plan(["exact", "judge:nope@production"]), 404, "metrics[1]", "No prompt named 'nope'"),
            (plan(["judge:grader@staging"]), 404, "metrics[0]", "Prompt 'grader' has no label 'staging'"),
            (plan(["judge:blind"]), 400, "metrics[0]", "never shows the judge the output"),
            (plan(["judge:modelless"]), 400, "metrics[0]", "has no model in its config"),
            (plan(["judge:grader"], settings: ["judges": ["judge:grader": 9]]), 404, "settings.judges.judge:grader",
             "No prompt version 'grader@9'"),
            (plan(["exact"], settings: ["judges": ["judge:grader": 1]]), 400, "settings.judges.judge:grader",
             "names a judge metric the plan does not have"),
            (plan(["judge:"]), 400, "metrics[0]", "the judge's rubric must be a prompt reference"),
            (plan(["external:cmd:"]), 400, "metrics[0]", "names no command"),
            (plan(["external:http:localhost:9"]), 400, "metrics[0]", "must start with http:// or https://"),
            (plan(["regex"]), 400, "metrics[0]", "metric regex needs a pattern"),
            (plan(["regex"], settings: ["pattern": "(unclosed"]), 400, "metrics[0]", "invalid regular expression"),
            (plan(["exact"], settings: ["scorer_timeout": -1]), 400, "settings.scorer_timeout", "between"),
            (plan(["exact"], settings: ["ignore_case": 1]), 400, "settings.ignore_case", "must be a boolean"),
        ]
        for (body, status, param, message) in cases {
            assertAPIError(try await gw.post("/api/experiments", body, key: gw.developer), status: status, param: param,
                           messageContains: message)
        }
        let none = try await gw.get("/api/experiments", key: gw.viewer)
        XCTAssertEqual(none.json["data"], [], "no rejected plan created a run")
        let modelGiven = try await gw.post("/api/experiments", plan(["judge:modelless"], settings: ["judge_model": "mock-model"]),
                                           key: gw.developer)
        XCTAssertEqual(modelGiven.status, 201, "a judge model for the run makes a model-less rubric usable: \(modelGiven.text)")
    }

    func testReasonsAreStoredWithScores() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await setUp(gw)
        let created = try await gw.post("/api/experiments", plan(["judge:grader@production"]), key: gw.developer)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let saved = try await gw.post("/api/experiments/\(id)/items", ["items": [[
            "item": 0, "output": "a", "scores": ["judge:grader@production": 4],
            "score_reasons": ["judge:grader@production": "right, but terse"]]]], key: gw.developer)
        XCTAssertEqual(saved.status, 200, saved.text)
        let read = try await gw.get("/api/experiments/\(id)", key: gw.viewer)
        XCTAssertEqual(read.json["items"]?[0]?["score_reasons"], ["judge:grader@production": "right, but terse"])
        assertAPIError(try await gw.post("/api/experiments/\(id)/items", ["items": [["item": 0, "scores": [:],
                                                                                     "score_reasons": ["x": "why"]]]], key: gw.developer),
                       status: 400, param: "items[0].score_reasons.x", messageContains: "explains a score the item does not have")
        assertAPIError(try await gw.post("/api/experiments/\(id)/items", ["items": [["item": 0, "scores": ["x": 1],
                                                                                     "score_reasons": ["x": 2]]]], key: gw.developer),
                       status: 400, param: "items[0].score_reasons.x", messageContains: "must be a string")
    }
}
