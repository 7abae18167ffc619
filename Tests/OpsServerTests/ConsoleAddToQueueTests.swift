import OpsCore
import XCTest

/// The "add to queue" control of the trace page and the experiment run page: it lists the queues
/// that take that kind of item, adds through the same code as `POST /api/queues/{id}/items`, says
/// what it added, is not there for viewers, and cannot reach another project's traces or queues.
final class ConsoleAddToQueueTests: XCTestCase {
    func testATraceIsAddedFromItsPage() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 2)
        let none = try await gw.page("/traces/\(traces[1])", as: gw.developer)
        assertPage(none, contains: [#"id="no-queue-choice">No queue of traces yet"#])
        let id = try await QueuesAPITests.queue(gw, traceIDs: [traces[0]])
        let runs = try await QueueAdditionsAPITests.twoRuns(gw)
        let runQueue = try await gw.post("/api/queues", ["name": "Run check", "score_definitions": ["thumbs"], "run_id": .string(runs[0])],
                                         key: gw.developer)
        let rid = try XCTUnwrap(runQueue.json["id"]?.stringValue)

        let viewerPage = try await gw.page("/traces/\(traces[1])", as: gw.viewer)
        XCTAssertEqual(viewerPage.status, 200)
        XCTAssertFalse(viewerPage.text.contains("add-to-queue"), "a viewer does not change queues")
        let viewerPost = try await gw.submit("/traces/\(traces[1])/queue", [("queue", id)], as: gw.viewer)
        XCTAssertEqual(viewerPost.status, 403)

        let page = try await gw.page("/traces/\(traces[1])", as: gw.developer)
        assertPage(page, contains: [#"<form class="filters" id="add-to-queue" method="post" action="/traces/\#(traces[1])/queue">"#,
                                    #"<option value="\#(id)">Support review (1 item)</option>"#, "Add this trace"])
        XCTAssertFalse(page.text.contains(rid), "a queue of experiment items does not take traces")
        let added = try await gw.submit("/traces/\(traces[1])/queue", [("queue", id)], as: gw.developer)
        assertPage(added, contains: [#"id="queue-notice">Added to the queue &#39;Support review&#39;."#,
                                     #"<a href="/review/\#(id)">Open the queue</a>"#, "<h1>Trace <code>\(traces[1])</code></h1>"])
        let item = try await gw.get("/api/queues/\(id)/items/1", key: gw.viewer)
        XCTAssertEqual(item.json["trace_id"]?.stringValue, traces[1])
        XCTAssertEqual(item.json["state"], "pending")
        let twice = try await gw.submit("/traces/\(traces[1])/queue", [("queue", id)], as: gw.developer)
        assertPage(twice, contains: ["This trace was already in the queue &#39;Support review&#39;."])
        let queue = try await gw.get("/api/queues/\(id)", key: gw.viewer)
        XCTAssertEqual(queue.json["item_count"], 2)

        let wrongKind = try await gw.submit("/traces/\(traces[1])/queue", [("queue", rid)], as: gw.developer)
        assertPage(wrongKind, status: 400, contains: ["holds experiment items"])
        let noChoice = try await gw.submit("/traces/\(traces[1])/queue", [("queue", "")], as: gw.developer)
        assertPage(noChoice, status: 400, contains: ["Choose a queue"])
        let missing = try await gw.submit("/traces/nope/queue", [("queue", id)], as: gw.developer)
        assertPage(missing, status: 404, contains: ["No trace &#39;nope&#39;"])
    }

    func testARunsItemsAreAddedFromItsPage() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 1)
        let traceQueue = try await QueuesAPITests.queue(gw, traceIDs: traces)
        let runs = try await QueueAdditionsAPITests.twoRuns(gw)
        let none = try await gw.page("/experiments/\(runs[1])", as: gw.developer)
        assertPage(none, contains: ["No queue of experiment items yet"])
        let created = try await gw.post("/api/queues", ["name": "Run check", "score_definitions": ["thumbs"], "run_id": .string(runs[0])],
                                        key: gw.developer)
        let rid = try XCTUnwrap(created.json["id"]?.stringValue)

        let viewerPage = try await gw.page("/experiments/\(runs[1])", as: gw.viewer)
        XCTAssertFalse(viewerPage.text.contains("add-to-queue"))
        let viewerPost = try await gw.submit("/experiments/\(runs[1])/queue", [("queue", rid)], as: gw.viewer)
        XCTAssertEqual(viewerPost.status, 403)

        let page = try await gw.page("/experiments/\(runs[1])", as: gw.developer)
        assertPage(page, contains: [#"action="/experiments/\#(runs[1])/queue""#, #"<option value="\#(rid)">Run check (2 items)</option>"#,
                                    "Add this run&#39;s items"])
        XCTAssertFalse(page.text.contains(traceQueue), "a queue of traces does not take run items")
        let added = try await gw.submit("/experiments/\(runs[1])/queue", [("queue", rid)], as: gw.developer)
        assertPage(added, contains: ["Added 2 items to the queue &#39;Run check&#39;.", "<h1>Run <code>\(runs[1])</code>"])
        let again = try await gw.submit("/experiments/\(runs[0])/queue", [("queue", rid)], as: gw.developer)
        assertPage(again, contains: ["Added 0 items to the queue &#39;Run check&#39; (2 already in it)."])
        let queue = try await gw.get("/api/queues/\(rid)", key: gw.viewer)
        XCTAssertEqual(queue.json["item_count"], 4)
        let last = try await gw.get("/api/queues/\(rid)/items/3", key: gw.viewer)
        XCTAssertEqual(last.json["run_id"]?.stringValue, runs[1])
        XCTAssertEqual(last.json["run_item"], 1)
        let wrongKind = try await gw.submit("/experiments/\(runs[1])/queue", [("queue", traceQueue)], as: gw.developer)
        assertPage(wrongKind, status: 400, contains: ["holds traces"])
    }

    func testAnotherProjectCannotAddThisProjectsTracesOrUseItsQueues() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 1)
        let alphaQueue = try await QueuesAPITests.queue(gw, traceIDs: traces)
        let betaReply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("beta question"), key: gw.otherProject)
        let betaTrace = try XCTUnwrap(betaReply.header("x-llmops-trace-id"))
        _ = try await gw.post("/api/score-definitions", ["name": "tone", "kind": "boolean"], key: gw.otherProject)
        let betaQueue = try await gw.post("/api/queues", ["name": "Beta review", "score_definitions": ["tone"],
                                                          "trace_ids": [.string(betaTrace)]], key: gw.otherProject)
        let bid = try XCTUnwrap(betaQueue.json["id"]?.stringValue, betaQueue.text)

        let foreignTrace = try await gw.submit("/traces/\(traces[0])/queue", [("queue", bid)], as: gw.otherProject)
        assertPage(foreignTrace, status: 404, contains: ["No trace"])
        let foreignQueue = try await gw.submit("/traces/\(betaTrace)/queue", [("queue", alphaQueue)], as: gw.otherProject)
        assertPage(foreignQueue, status: 404, contains: ["No annotation queue"])
        let betaPage = try await gw.page("/traces/\(betaTrace)", as: gw.otherProject)
        assertPage(betaPage, contains: [#"<option value="\#(bid)">Beta review (1 item)</option>"#])
        XCTAssertFalse(betaPage.text.contains(alphaQueue), "only the project's own queues are offered")
        let beta = try await gw.get("/api/queues/\(bid)", key: gw.otherProject)
        XCTAssertEqual(beta.json["item_count"], 1, "the other project's trace was not added")
        let alpha = try await gw.get("/api/queues/\(alphaQueue)", key: gw.viewer)
        XCTAssertEqual(alpha.json["item_count"], 1)
    }
}
