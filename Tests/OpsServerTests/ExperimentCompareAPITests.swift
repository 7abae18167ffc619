import OpsCore
import XCTest

/// `GET /api/experiments/compare`: two stored runs compared per metric, in the shape the CLI and
/// the console read; runs of other dataset versions, missing runs and bad parameters are named.
final class ExperimentCompareAPITests: XCTestCase {
    private func makeRun(_ gw: GatewayHarness, dataset: String = "ds", metrics: [JSONValue] = ["exact", "judge:grader"],
                         scores: [(exact: Double, judge: Double?)]) async throws -> String {
        let created = try await gw.post("/api/experiments", ["dataset": .string(dataset), "target": ["type": "model", "model": "mock-model"],
                                                             "metrics": .array(metrics)], key: gw.developer)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let items: [JSONValue] = scores.enumerated().map { i, score in
            var values = JSONObject([("exact", .double(score.exact))])
            if let judge = score.judge { values["judge:grader"] = .double(judge) }
            return ["item": .int(Int64(i)), "output": "o", "scores": .object(values)]
        }
        let saved = try await gw.post("/api/experiments/\(id)/items", ["items": .array(items)], key: gw.developer)
        XCTAssertEqual(saved.status, 200, saved.text)
        return id
    }

    private func setUp(_ gw: GatewayHarness) async throws {
        let rubric = try await gw.post("/api/prompts", ["name": "grader", "text": "Rate {{output}}",
                                                        "config": ["model": "mock-model", "score_range": [1, 5]]], key: gw.developer)
        XCTAssertEqual(rubric.status, 201, rubric.text)
        for name in ["ds", "other"] {
            // Versions are content hashes: the other dataset needs other items to be another version.
            let lines = (0..<10).map { "{\"input\": {\"messages\": [{\"role\": \"user\", \"content\": \"\(name) q\($0)\"}]}}\n" }
            let reply = try await gw.sendRaw(.POST, "/api/datasets/\(name)?format=jsonl", key: gw.developer, body: lines.joined())
            XCTAssertEqual(reply.status, 201, reply.text)
        }
    }

    func testComparesTwoRuns() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await setUp(gw)
        let a = try await makeRun(gw, scores: (0..<10).map { _ in (1, 4) })
        let b = try await makeRun(gw, scores: (0..<10).map { i in (i < 9 ? 0 : 1, i == 3 ? nil : 5) })
        let reply = try await gw.get("/api/experiments/compare?a=\(a)&b=\(b)", key: gw.viewer)
        XCTAssertEqual(reply.status, 200, reply.text)
        let json = reply.json
        XCTAssertEqual(json["a"]?["id"]?.stringValue, a)
        XCTAssertEqual(json["b"]?["id"]?.stringValue, b)
        XCTAssertEqual(json["a"]?["items"], 10)
        XCTAssertEqual(json["alpha"], 0.05)
        XCTAssertEqual(json["regression"], true)
        let metrics = json["metrics"]?.arrayValue ?? []
        XCTAssertEqual(metrics.map { $0["metric"] }, ["exact", "judge:grader"])
        let exact = metrics[0]
        XCTAssertEqual(exact["items"], 10)
        XCTAssertEqual(exact["mean_a"], 1.0)
        XCTAssertEqual(exact["mean_b"]?.doubleValue ?? 0, 0.1, accuracy: 1e-12)
        XCTAssertEqual(exact["difference"]?.doubleValue ?? 0, -0.9, accuracy: 1e-12)
        XCTAssertEqual([exact["wins"], exact["ties"], exact["losses"]].map { $0?.intValue }, [0, 1, 9])
        XCTAssertEqual(exact["test"], "wilcoxon")
        XCTAssertLessThan(exact["p_value"]?.doubleValue ?? 1, 0.01)
        XCTAssertEqual(exact["significant_regression"], true)
        XCTAssertEqual(exact["regressed_items"]?.arrayValue?.count, 9)
        XCTAssertEqual(exact["ci"]?["upper"]?.doubleValue.map { $0 < 0 }, true)
        let judge = metrics[1]
        XCTAssertEqual(judge["items"], 9, "the item b could not judge is left out, not scored 0")
        XCTAssertEqual(judge["difference"], 1.0)
        XCTAssertEqual(judge["significant_regression"], false)
        XCTAssertEqual(json["skipped"], [])

        let lenient = try await gw.get("/api/experiments/compare?a=\(a)&b=\(b)&alpha=0.000001", key: gw.viewer)
        XCTAssertEqual(lenient.json["regression"], false, "alpha decides what counts as significant")
        let reversed = try await gw.get("/api/experiments/compare?a=\(b)&b=\(a)", key: gw.viewer)
        XCTAssertEqual(reversed.json["regression"], true, "b → a: the judge metric got worse by 1 on 9 items")
        XCTAssertEqual(reversed.json["metrics"]?[0]?["significant_regression"], false)
    }

    func testBadComparisonsAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await setUp(gw)
        let a = try await makeRun(gw, scores: [(1, 4)])
        let other = try await makeRun(gw, dataset: "other", scores: [(1, 4)])
        let onlyExact = try await makeRun(gw, metrics: ["exact"], scores: [(0, nil)])
        let skipped = try await gw.get("/api/experiments/compare?a=\(a)&b=\(onlyExact)", key: gw.viewer)
        XCTAssertEqual(skipped.json["skipped"], [["metric": "judge:grader", "reason": .string("only run \(a) computes it")]])
        assertAPIError(try await gw.get("/api/experiments/compare?a=\(a)&b=\(other)", key: gw.viewer), status: 400, param: "b",
                       code: "dataset_version_mismatch", messageContains: "compare runs of the same dataset version")
        assertAPIError(try await gw.get("/api/experiments/compare?a=\(a)", key: gw.viewer), status: 400, param: "b",
                       messageContains: "b is required")
        assertAPIError(try await gw.get("/api/experiments/compare?b=\(a)", key: gw.viewer), status: 400, param: "a",
                       messageContains: "a is required")
        assertAPIError(try await gw.get("/api/experiments/compare?a=run_nope&b=\(a)", key: gw.viewer), status: 404, param: "a",
                       code: "run_not_found", messageContains: "No experiment run 'run_nope'")
        assertAPIError(try await gw.get("/api/experiments/compare?a=\(a)&b=\(a)&alpha=2", key: gw.viewer), status: 400,
                       param: "alpha", messageContains: "between 0 and 1")
        let foreign = try await gw.get("/api/experiments/compare?a=\(a)&b=\(a)", key: gw.otherProject)
        XCTAssertEqual(foreign.status, 404, "one project never sees another's runs")
        let unauthenticated = try await gw.get("/api/experiments/compare?a=\(a)&b=\(a)", key: nil)
        XCTAssertEqual(unauthenticated.status, 401)
    }
}
