import OpsCore
import XCTest

/// `/api/experiments`: a run is created against a resolved dataset version and prompt version,
/// item results are stored (and replaced) by index, the run finishes with its summary; bad plans
/// and results are named by field; one project never sees another's runs.
final class ExperimentsAPITests: XCTestCase {
    private func setUp(_ gw: GatewayHarness) async throws -> String {
        let prompt = try await gw.post("/api/prompts", ["name": "qa", "text": "{{question}}", "config": ["model": "mock-model"]],
                                       key: gw.developer)
        XCTAssertEqual(prompt.status, 201, prompt.text)
        let dataset = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer,
                                           body: "{\"input\": {\"question\": \"a\"}}\n{\"input\": {\"question\": \"b\"}}\n")
        return try XCTUnwrap(dataset.json["hash"]?.stringValue)
    }

    static let plan: JSONValue = ["dataset": "ds", "target": ["type": "prompt", "prompt": "qa", "version": 1],
                                  "metrics": ["exact", "bleu"], "concurrency": 2]

    func testRunLifecycle() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let hash = try await setUp(gw)
        let created = try await gw.post("/api/experiments", Self.plan, key: gw.developer)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        XCTAssertEqual(created.json["dataset_version"]?.stringValue, hash, "the dataset reference is resolved at creation")
        XCTAssertEqual(created.json["item_count"], 2)
        XCTAssertEqual(created.json["status"], "running")
        XCTAssertEqual(created.json["plan"]?["metrics"], ["exact", "bleu"])

        let first = try await gw.post("/api/experiments/\(id)/items",
                                      ["items": [["item": 1, "output": "b", "latency": 0.2, "scores": ["exact": 1, "bleu": 100],
                                                  "usage": ["prompt_tokens": 3, "completion_tokens": 1], "trace_id": "t1"],
                                                 ["item": 0, "error": "upstream 502"]]], key: gw.developer)
        XCTAssertEqual(first.json["saved"], 2, first.text)
        let retry = try await gw.post("/api/experiments/\(id)/items",
                                      ["items": [["item": 0, "output": "a", "scores": ["exact": 1]]]], key: gw.developer)
        XCTAssertEqual(retry.status, 200)
        let read = try await gw.get("/api/experiments/\(id)", key: gw.viewer)
        let items = read.json["items"]?.arrayValue ?? []
        XCTAssertEqual(items.map { $0["item"] }, [0, 1])
        XCTAssertEqual(items[0]["output"], "a", "a retried item replaces the failed one")
        XCTAssertNil(items[0]["error"])
        XCTAssertEqual(items[1]["usage"]?["prompt_tokens"], 3)

        let finished = try await gw.post("/api/experiments/\(id)/finish", ["summary": ["passed": true]], key: gw.developer)
        XCTAssertEqual(finished.json["status"], "finished", finished.text)
        XCTAssertEqual(finished.json["summary"], ["passed": true])
        let list = try await gw.get("/api/experiments", key: gw.viewer)
        XCTAssertEqual(list.json["data"]?.arrayValue?.map { $0["id"]?.stringValue }, [id])
    }

    func testBadPlansAndResultsAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        _ = try await setUp(gw)
        func plan(_ change: (inout JSONObject) -> Void) -> JSONValue {
            var object = Self.plan.objectValue!
            change(&object)
            return .object(object)
        }
        let cases: [(JSONValue, Int, String, String)] = [
            (plan { $0["metrics"] = ["blue"] }, 400, "metrics[0]", "is not a metric"),
            (plan { $0["metrics"] = [] }, 400, "metrics", "non-empty list"),
            (plan { $0["metrics"] = ["exact", "exact"] }, 400, "metrics", "listed twice"),
            (plan { $0["concurrency"] = 0 }, 400, "concurrency", "must be between 1"),
            (plan { $0["concurrency"] = 500 }, 400, "concurrency", "between 1 and 256"),
            (plan { $0["target"] = ["type": "agent"] }, 400, "target.type", "'prompt' or 'model'"),
            (plan { $0["target"] = ["type": "prompt", "prompt": "qa"] }, 400, "target.version", "target.version is required"),
            (plan { $0["target"] = ["type": "prompt", "prompt": "qa", "version": 7] }, 404, "target.prompt", "No prompt version 'qa@7'"),
            (plan { $0["dataset"] = "nope" }, 404, "dataset", "No dataset version 'nope'"),
            (plan { $0["dataset"] = nil }, 400, "dataset", "dataset is required"),
        ]
        for (body, status, param, message) in cases {
            assertAPIError(try await gw.post("/api/experiments", body, key: gw.developer), status: status, param: param,
                           messageContains: message)
        }
        let viewer = try await gw.post("/api/experiments", Self.plan, key: gw.viewer)
        XCTAssertEqual(viewer.status, 403)
        let empty = try await gw.get("/api/experiments", key: gw.viewer)
        XCTAssertEqual(empty.json["data"], [], "no rejected plan created a run")

        let run = try await gw.post("/api/experiments", Self.plan, key: gw.developer)
        let id = try XCTUnwrap(run.json["id"]?.stringValue)
        let results: [(JSONValue, Int, String, String)] = [
            (["items": [["item": 0], ["item": 2]]], 400, "items[1].item", "has 2 items (0…1)"),
            (["items": [["item": -1]]], 400, "items[0].item", "must be between 0"),
            (["items": [["output": "x"]]], 400, "items[0].item", "items[0].item is required"),
            (["items": [["item": 0, "scores": ["exact": "high"]]]], 400, "items[0].scores.exact", "must be a number"),
            (["items": [["item": 0, "latency_ms": 3]]], 400, "items[0].latency_ms", "not an item result field"),
            (["items": []], 400, "items", "non-empty list"),
        ]
        for (body, status, param, message) in results {
            assertAPIError(try await gw.post("/api/experiments/\(id)/items", body, key: gw.developer), status: status,
                           param: param, messageContains: message)
        }
        let stored = try await gw.get("/api/experiments/\(id)", key: gw.viewer)
        XCTAssertEqual(stored.json["items"], [], "a rejected batch stores nothing")
        assertAPIError(try await gw.post("/api/experiments/run_nope/items", ["items": [["item": 0]]], key: gw.developer),
                       status: 404, param: "id", code: "run_not_found", messageContains: "No experiment run 'run_nope'")
        assertAPIError(try await gw.post("/api/experiments/\(id)/finish", ["passed": true], key: gw.developer),
                       status: 400, param: "summary", messageContains: "summary is required")
        assertAPIError(try await gw.get("/api/experiments?limit=0", key: gw.viewer), status: 400, param: "limit",
                       messageContains: "from 1 to 1000")

        let foreign = try await gw.get("/api/experiments/\(id)", key: gw.otherProject)
        XCTAssertEqual(foreign.status, 404, "one project never sees another's runs")
        let foreignSave = try await gw.post("/api/experiments/\(id)/items", ["items": [["item": 0]]], key: gw.otherProject)
        XCTAssertEqual(foreignSave.status, 404)
        let foreignFinish = try await gw.post("/api/experiments/\(id)/finish", ["summary": [:]], key: gw.otherProject)
        XCTAssertEqual(foreignFinish.status, 404)
    }
}
