import OpsCore
import XCTest

/// `/api/queues`: queues over explicit traces, a trace filter or an experiment run; reviewers take
/// the next item under a lease, complete it with scores checked against the queue's definitions or
/// skip it; progress counts; bad input is named; another project's queue does not exist.
final class QueuesAPITests: XCTestCase {
    /// Definitions and `count` traces (oldest first) in project alpha.
    static func prepare(_ gw: GatewayHarness, traces count: Int) async throws -> [String] {
        try await ScoresAPITests.define(gw)
        var ids: [String] = []
        for i in 0..<count { ids.append(try await ScoresAPITests.trace(gw, "question \(i)")) }
        return ids
    }

    static func queue(_ gw: GatewayHarness, traceIDs: [String]) async throws -> String {
        let reply = try await gw.post("/api/queues", ["name": "Support review", "score_definitions": ["helpfulness", "tone"],
                                                      "trace_ids": .array(traceIDs.map { .string($0) })], key: gw.developer)
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(reply.json["id"]?.stringValue)
    }

    static let goodReview: JSONValue = ["scores": ["helpfulness": 4, "tone": "friendly"], "comment": "Clear and kind"]

    func testReviewersTakeScoreAndSkipItems() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await Self.prepare(gw, traces: 3)
        let id = try await Self.queue(gw, traceIDs: traces)

        let first = try await gw.post("/api/queues/\(id)/next", [:], key: gw.developer)
        XCTAssertEqual(first.status, 200, first.text)
        XCTAssertEqual(first.json["item"], 0)
        XCTAssertEqual(first.json["state"], "leased")
        XCTAssertEqual(first.json["trace_id"]?.stringValue, traces[0])
        XCTAssertEqual(first.json["trace"]?["input"]?.arrayValue?.last?["content"], "question 0", "the item comes with its trace")
        let second = try await gw.post("/api/queues/\(id)/next", [:], key: gw.admin)
        XCTAssertEqual(second.json["item"], 1, "another reviewer gets another item")
        let again = try await gw.post("/api/queues/\(id)/next", [:], key: gw.developer)
        XCTAssertEqual(again.json["item"], 0, "asking again returns the item one holds")

        let taken = try await gw.post("/api/queues/\(id)/items/0/complete", Self.goodReview, key: gw.admin)
        assertAPIError(taken, status: 409, param: "item", code: "item_leased", messageContains: "held by another reviewer")
        let badReviews: [(JSONValue, String, String)] = [
            (["scores": ["helpfulness": 7, "tone": "friendly"]], "scores.helpfulness", "outside the range"),
            (["scores": ["helpfulness": 3]], "scores.tone", "scores.tone is required"),
            (["scores": ["helpfulness": 3, "tone": "friendly", "thumbs": true]], "scores.thumbs", "not a score this queue asks for"),
            (["scores": ["helpfulness": 3, "tone": "grumpy"]], "scores.tone", "must be one of friendly, neutral, rude"),
            (["comment": "no scores"], "scores", "scores is required"),
            (["scores": ["helpfulness": 3, "tone": "friendly"], "rating": 1], "rating", "not a review field"),
        ]
        for (body, param, message) in badReviews {
            assertAPIError(try await gw.post("/api/queues/\(id)/items/0/complete", body, key: gw.developer), status: 400,
                           param: param, messageContains: message)
        }
        let done = try await gw.post("/api/queues/\(id)/items/0/complete", Self.goodReview, key: gw.developer)
        XCTAssertEqual(done.status, 200, done.text)
        XCTAssertEqual(done.json["state"], "completed")
        XCTAssertEqual(done.json["scores"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.sorted(), ["helpfulness", "tone"])
        let scores = try await gw.get("/api/scores?trace_id=\(traces[0])", key: gw.viewer)
        XCTAssertEqual(scores.json["data"]?.arrayValue?.map { $0["source"] }, ["human", "human"])
        XCTAssertEqual(scores.json["data"]?[0]?["queue_id"]?.stringValue, id)
        XCTAssertEqual(scores.json["data"]?[0]?["comment"], "Clear and kind")
        let twice = try await gw.post("/api/queues/\(id)/items/0/complete", Self.goodReview, key: gw.developer)
        assertAPIError(twice, status: 409, param: "item", code: "item_already_completed", messageContains: "already completed")

        let skipped = try await gw.post("/api/queues/\(id)/items/1/skip", [:], key: gw.admin)
        XCTAssertEqual(skipped.json["state"], "skipped", skipped.text)
        let third = try await gw.post("/api/queues/\(id)/next", [:], key: gw.admin)
        XCTAssertEqual(third.json["item"], 2)
        let empty = try await gw.post("/api/queues/\(id)/next", [:], key: gw.developer)
        XCTAssertEqual(empty.status, 204, "nothing left for a third reviewer")

        let queue = try await gw.get("/api/queues/\(id)", key: gw.viewer)
        XCTAssertEqual(queue.json["progress"], ["total": 3, "pending": 0, "leased": 1, "completed": 1, "skipped": 1])
        XCTAssertEqual(queue.json["score_definitions"]?.arrayValue?.map { $0["name"] }, ["helpfulness", "tone"])
        let list = try await gw.get("/api/queues", key: gw.viewer)
        XCTAssertEqual(list.json["data"]?.arrayValue?.map { $0["id"]?.stringValue }, [id])
        let item = try await gw.get("/api/queues/\(id)/items/0", key: gw.viewer)
        let developerID = try await gw.keyID(named: "dev")
        XCTAssertEqual(item.json["reviewer"]?.stringValue, developerID)
        let viewerNext = try await gw.post("/api/queues/\(id)/next", [:], key: gw.viewer)
        XCTAssertEqual(viewerNext.status, 403, "a viewer reads queues but does not review")
    }

    func testQueuesFromAFilterAndFromARun() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await Self.prepare(gw, traces: 2)
        _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "missing"), key: gw.developer)
        let filtered = try await gw.post("/api/queues", ["name": "Failures", "score_definitions": ["thumbs"],
                                                         "trace_filter": ["model": "mock-model", "status": "ok"]], key: gw.developer)
        XCTAssertEqual(filtered.status, 201, filtered.text)
        XCTAssertEqual(filtered.json["item_count"], 2)
        let fid = try XCTUnwrap(filtered.json["id"]?.stringValue)
        let firstFiltered = try await gw.post("/api/queues/\(fid)/next", [:], key: gw.developer)
        XCTAssertEqual(firstFiltered.json["trace_id"]?.stringValue, traces[0], "oldest first")
        let boolean = try await gw.post("/api/queues/\(fid)/items/0/complete", ["scores": ["thumbs": true]], key: gw.developer)
        XCTAssertEqual(boolean.status, 200, boolean.text)

        _ = try await gw.post("/api/prompts", ["name": "qa", "text": "{{question}}", "config": ["model": "mock-model"]], key: gw.developer)
        _ = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer,
                                 body: "{\"input\": {\"question\": \"2+2\"}, \"expected_output\": \"4\"}\n{\"input\": {\"question\": \"b\"}}\n")
        let run = try await gw.post("/api/experiments", ExperimentsAPITests.plan, key: gw.developer)
        let runID = try XCTUnwrap(run.json["id"]?.stringValue)
        _ = try await gw.post("/api/experiments/\(runID)/items", ["items": [["item": 0, "output": "four", "scores": ["exact": 0]]]],
                              key: gw.developer)
        let overRun = try await gw.post("/api/queues", ["name": "Run check", "score_definitions": ["helpfulness"],
                                                        "run_id": .string(runID), "lease_seconds": 60], key: gw.developer)
        XCTAssertEqual(overRun.json["kind"], "experiment_items", overRun.text)
        XCTAssertEqual(overRun.json["item_count"], 2)
        let rid = try XCTUnwrap(overRun.json["id"]?.stringValue)
        let runItem = try await gw.post("/api/queues/\(rid)/next", [:], key: gw.developer)
        XCTAssertEqual(runItem.json["experiment_item"]?["input"], ["question": "2+2"], runItem.text)
        XCTAssertEqual(runItem.json["experiment_item"]?["expected_output"], "4")
        XCTAssertEqual(runItem.json["experiment_item"]?["result"]?["output"], "four")
        let scored = try await gw.post("/api/queues/\(rid)/items/0/complete", ["scores": ["helpfulness": 1]], key: gw.developer)
        XCTAssertEqual(scored.status, 200, scored.text)
        let runScores = try await gw.get("/api/scores?run_id=\(runID)&item=0", key: gw.viewer)
        XCTAssertEqual(runScores.json["data"]?.arrayValue?.map { $0["value"] }, [1.0])
    }

    func testBadQueuesAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await Self.prepare(gw, traces: 1)
        let trace = JSONValue.string(traces[0])
        let cases: [(JSONValue, Int, String, String)] = [
            (["score_definitions": ["tone"], "trace_ids": [trace]], 400, "name", "name is required"),
            (["name": "q", "trace_ids": [trace]], 400, "score_definitions", "score_definitions is required"),
            (["name": "q", "score_definitions": ["tone", "nope"], "trace_ids": [trace]], 404, "score_definitions[1]",
             "No score definition 'nope'"),
            (["name": "q", "score_definitions": ["tone", "tone"], "trace_ids": [trace]], 400, "score_definitions[1]", "listed twice"),
            (["name": "q", "score_definitions": ["tone"]], 400, "trace_ids", "trace_ids, trace_filter or run_id"),
            (["name": "q", "score_definitions": ["tone"], "trace_ids": [trace], "run_id": "run_x"], 400, "run_id", "only one of"),
            (["name": "q", "score_definitions": ["tone"], "trace_ids": [trace, "ghost"]], 404, "trace_ids[1]", "No trace 'ghost'"),
            (["name": "q", "score_definitions": ["tone"], "trace_ids": [trace, trace]], 400, "trace_ids[1]", "listed twice"),
            (["name": "q", "score_definitions": ["tone"], "trace_ids": []], 400, "trace_ids", "trace_ids is empty"),
            (["name": "q", "score_definitions": ["tone"], "trace_filter": ["model": "none"]], 400, "trace_filter", "matches no traces"),
            (["name": "q", "score_definitions": ["tone"], "trace_filter": ["status": "meh"]], 400, "trace_filter.status", "ok or error"),
            (["name": "q", "score_definitions": ["tone"], "trace_filter": ["colour": "red"]], 400, "trace_filter.colour",
             "not a trace filter"),
            (["name": "q", "score_definitions": ["tone"], "run_id": "run_nope"], 404, "run_id", "No experiment run"),
            (["name": "q", "score_definitions": ["tone"], "trace_ids": [trace], "lease_seconds": 1], 400, "lease_seconds",
             "between 10 and 86400"),
            (["name": "q", "score_definitions": ["tone"], "trace_ids": [trace], "owner": "me"], 400, "owner", "not a queue field"),
        ]
        for (body, status, param, message) in cases {
            assertAPIError(try await gw.post("/api/queues", body, key: gw.developer), status: status, param: param,
                           messageContains: message)
        }
        let list = try await gw.get("/api/queues", key: gw.viewer)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 0, "no refused queue was created")

        let id = try await Self.queue(gw, traceIDs: traces)
        assertAPIError(try await gw.post("/api/queues/\(id)/items/5/complete", Self.goodReview, key: gw.developer), status: 404,
                       param: "item", code: "queue_item_not_found", messageContains: "has no item 5")
        assertAPIError(try await gw.post("/api/queues/\(id)/items/x/skip", [:], key: gw.developer), status: 400,
                       param: "item", messageContains: "item index")
        assertAPIError(try await gw.post("/api/queues/queue_nope/next", [:], key: gw.developer), status: 404, param: "id",
                       code: "queue_not_found", messageContains: "No annotation queue")
    }

    func testAnotherProjectsQueueDoesNotExist() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await Self.prepare(gw, traces: 1)
        let id = try await Self.queue(gw, traceIDs: traces)
        for (method, path) in [("GET", "/api/queues/\(id)"), ("POST", "/api/queues/\(id)/next"), ("GET", "/api/queues/\(id)/items/0"),
                               ("POST", "/api/queues/\(id)/items/0/skip")] {
            let reply = method == "GET" ? try await gw.get(path, key: gw.otherProject) : try await gw.post(path, [:], key: gw.otherProject)
            assertAPIError(reply, status: 404, param: "id", code: "queue_not_found", messageContains: "No annotation queue")
        }
        let list = try await gw.get("/api/queues", key: gw.otherProject)
        XCTAssertEqual(list.json["data"]?.arrayValue?.count, 0)
        _ = try await gw.post("/api/score-definitions", ["name": "tone", "kind": "boolean"], key: gw.otherProject)
        let foreignTraces = try await gw.post("/api/queues", ["name": "q", "score_definitions": ["tone"], "trace_ids": .array([.string(traces[0])])],
                                              key: gw.otherProject)
        assertAPIError(foreignTraces, status: 404, param: "trace_ids[0]", code: "trace_not_found", messageContains: "No trace")
        let item = try await gw.get("/api/queues/\(id)/items/0", key: gw.viewer)
        XCTAssertEqual(item.json["state"], "pending", "the other project's skip changed nothing")
    }
}
