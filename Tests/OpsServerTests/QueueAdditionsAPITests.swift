import OpsCore
import XCTest

/// `POST /api/queues/{id}/items`: more traces (ids or a filter) for a queue of traces, more run
/// items for a queue of experiment items, appended after the existing items with what the queue
/// already held left out; bad input is named; another project's traces and queues do not exist.
final class QueueAdditionsAPITests: XCTestCase {
    /// Two runs of one 2-item dataset version in project alpha (the `qa` prompt and `ds` dataset).
    static func twoRuns(_ gw: GatewayHarness) async throws -> [String] {
        _ = try await gw.post("/api/prompts", ["name": "qa", "text": "{{question}}", "config": ["model": "mock-model"]], key: gw.developer)
        let dataset = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer,
                                           body: "{\"input\": {\"question\": \"2+2\"}, \"expected_output\": \"4\"}\n{\"input\": {\"question\": \"b\"}}\n")
        XCTAssertEqual(dataset.status, 201, dataset.text)
        var ids: [String] = []
        for _ in 0..<2 {
            let run = try await gw.post("/api/experiments", ExperimentsAPITests.plan, key: gw.developer)
            ids.append(try XCTUnwrap(run.json["id"]?.stringValue, run.text))
        }
        return ids
    }

    func testItemsAreAppendedOnce() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 3)
        let id = try await QueuesAPITests.queue(gw, traceIDs: [traces[0]])
        let taken = try await gw.post("/api/queues/\(id)/next", [:], key: gw.developer)
        XCTAssertEqual(taken.json["item"], 0)

        let byID = try await gw.post("/api/queues/\(id)/items", ["trace_ids": .array(traces.prefix(2).map { .string($0) })],
                                     key: gw.developer)
        XCTAssertEqual(byID.status, 200, byID.text)
        XCTAssertEqual(byID.json["added"], [1])
        XCTAssertEqual(byID.json["already_queued"], 1)
        XCTAssertEqual(byID.json["item_count"], 2)
        XCTAssertEqual(byID.json["progress"], ["total": 2, "pending": 1, "leased": 1, "completed": 0, "skipped": 0])
        let byFilter = try await gw.post("/api/queues/\(id)/items", ["trace_filter": ["model": "mock-model"]], key: gw.developer)
        XCTAssertEqual(byFilter.json["added"], [2], byFilter.text)
        XCTAssertEqual(byFilter.json["already_queued"], 2)
        let again = try await gw.post("/api/queues/\(id)/items", ["trace_ids": [.string(traces[2])]], key: gw.developer)
        XCTAssertEqual(again.json["added"], [], "a trace the queue holds is not added again")
        let item = try await gw.get("/api/queues/\(id)/items/2", key: gw.viewer)
        XCTAssertEqual(item.json["trace_id"]?.stringValue, traces[2])
        XCTAssertEqual(item.json["state"], "pending")
        let next = try await gw.post("/api/queues/\(id)/next", [:], key: gw.admin)
        XCTAssertEqual(next.json["item"], 1, "added items are reviewed after the first ones")

        let runs = try await Self.twoRuns(gw)
        let runQueue = try await gw.post("/api/queues", ["name": "Run check", "score_definitions": ["helpfulness"],
                                                         "run_id": .string(runs[0])], key: gw.developer)
        let rid = try XCTUnwrap(runQueue.json["id"]?.stringValue, runQueue.text)
        let otherRun = try await gw.post("/api/queues/\(rid)/items", ["run_id": .string(runs[1])], key: gw.developer)
        XCTAssertEqual(otherRun.json["added"], [2, 3], otherRun.text)
        XCTAssertEqual(otherRun.json["kind"], "experiment_items")
        XCTAssertEqual(otherRun.json["run_id"]?.stringValue, runs[0], "run_id stays the run the queue was made from")
        let runItem = try await gw.get("/api/queues/\(rid)/items/3", key: gw.viewer)
        XCTAssertEqual(runItem.json["run_id"]?.stringValue, runs[1])
        XCTAssertEqual(runItem.json["run_item"], 1)
        XCTAssertEqual(runItem.json["experiment_item"]?["input"], ["question": "b"])

        assertAPIError(try await gw.post("/api/queues/\(id)/items", ["run_id": .string(runs[0])], key: gw.developer), status: 400,
                       param: "run_id", code: "queue_kind_mismatch", messageContains: "holds traces")
        assertAPIError(try await gw.post("/api/queues/\(rid)/items", ["trace_ids": [.string(traces[0])]], key: gw.developer),
                       status: 400, param: "trace_ids", code: "queue_kind_mismatch", messageContains: "holds experiment items")
    }

    func testBadAdditionsAreNamedAndAddNothing() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 1)
        let id = try await QueuesAPITests.queue(gw, traceIDs: traces)
        let trace = JSONValue.string(traces[0])
        let cases: [(JSONValue, Int, String, String)] = [
            ([:], 400, "trace_ids", "Say what to review"),
            (["trace_ids": ["ghost"]], 404, "trace_ids[0]", "No trace 'ghost'"),
            (["trace_ids": [trace], "run_id": "run_x"], 400, "run_id", "only one of"),
            (["trace_ids": []], 400, "trace_ids", "trace_ids is empty"),
            (["trace_filter": ["model": "none"]], 400, "trace_filter", "matches no traces"),
            (["trace_filter": ["status": "meh"]], 400, "trace_filter.status", "ok or error"),
            (["trace_ids": [trace], "name": "x"], 400, "name", "not a field of an addition"),
        ]
        for (body, status, param, message) in cases {
            assertAPIError(try await gw.post("/api/queues/\(id)/items", body, key: gw.developer), status: status, param: param,
                           messageContains: message)
        }
        let viewer = try await gw.post("/api/queues/\(id)/items", ["trace_ids": [trace]], key: gw.viewer)
        XCTAssertEqual(viewer.status, 403, "a viewer does not change queues")
        assertAPIError(try await gw.post("/api/queues/queue_nope/items", ["trace_ids": [trace]], key: gw.developer), status: 404,
                       param: "id", code: "queue_not_found", messageContains: "No annotation queue")

        // Another project can neither add to this queue nor put this project's trace in its own.
        assertAPIError(try await gw.post("/api/queues/\(id)/items", ["trace_ids": [trace]], key: gw.otherProject), status: 404,
                       param: "id", code: "queue_not_found", messageContains: "No annotation queue")
        let betaTrace = try await gw.post("/v1/chat/completions", GatewayHarness.chat("beta question"), key: gw.otherProject)
        let betaTraceID = try XCTUnwrap(betaTrace.header("x-llmops-trace-id"))
        _ = try await gw.post("/api/score-definitions", ["name": "tone", "kind": "boolean"], key: gw.otherProject)
        let betaQueue = try await gw.post("/api/queues", ["name": "beta", "score_definitions": ["tone"],
                                                          "trace_ids": [.string(betaTraceID)]], key: gw.otherProject)
        let bid = try XCTUnwrap(betaQueue.json["id"]?.stringValue, betaQueue.text)
        assertAPIError(try await gw.post("/api/queues/\(bid)/items", ["trace_ids": [trace]], key: gw.otherProject), status: 404,
                       param: "trace_ids[0]", code: "trace_not_found", messageContains: "No trace")
        let betaAfter = try await gw.get("/api/queues/\(bid)", key: gw.otherProject)
        XCTAssertEqual(betaAfter.json["item_count"], 1)
        let after = try await gw.get("/api/queues/\(id)", key: gw.viewer)
        XCTAssertEqual(after.json["item_count"], 1, "no refused addition added anything")
    }
}
