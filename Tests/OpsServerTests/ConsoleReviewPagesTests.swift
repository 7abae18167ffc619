import OpsCore
import XCTest

/// The reviewer's pages: queues with progress, taking an item, the form built from the queue's
/// score definitions, a bad value sent back with the field marked, completing and skipping, and
/// the scores on the trace page.
final class ConsoleReviewPagesTests: XCTestCase {
    func testAReviewerScoresAndSkipsItemsInTheConsole() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 3)
        let id = try await QueuesAPITests.queue(gw, traceIDs: traces)
        let queues = try await gw.page("/review", as: gw.viewer)
        assertPage(queues, contains: [#"<a class="queue-link" href="/review/\#(id)">Support review</a>"#, "helpfulness, tone",
                                      "0 + 0 skipped / 3", #"href="/review" class="active""#])
        let viewerPage = try await gw.page("/review/\(id)", as: gw.viewer)
        assertPage(viewerPage, contains: ["reviewing needs a developer key"])
        XCTAssertFalse(viewerPage.text.contains("review-next"))
        let viewerTake = try await gw.submit("/review/\(id)/next", [], as: gw.viewer)
        XCTAssertEqual(viewerTake.status, 403)

        let start = try await gw.page("/review/\(id)", as: gw.developer)
        assertPage(start, contains: [#"<form method="post" action="/review/\#(id)/next">"#, "0 completed, 0 skipped, 0 in review, 3 waiting, of 3"])
        let taken = try await gw.submit("/review/\(id)/next", [], as: gw.developer)
        assertPage(taken, contains: ["<h2>Item 0 ", "question 0", "echo: question 0",
                                     #"<input type="number" step="any" min="1" max="5" name="score.helpfulness""#,
                                     #"<option value="rude">rude</option>"#, "How much it helped",
                                     #"action="/review/\#(id)/items/0/complete""#, #"formaction="/review/\#(id)/items/0/skip""#])

        let bad = try await gw.submit("/review/\(id)/items/0/complete", [("score.helpfulness", "9"), ("score.tone", "friendly"),
                                                                          ("comment", "kept")], as: gw.developer)
        assertPage(bad, status: 400, contains: [#"id="review-error">scores.helpfulness is 9, outside the range"#,
                                                #"<label class="invalid">helpfulness"#, #"value="9""#,
                                                #"<option value="friendly" selected>"#, ">kept</textarea>"])
        let saved = try await gw.submit("/review/\(id)/items/0/complete", [("score.helpfulness", "4"), ("score.tone", "friendly"),
                                                                            ("comment", "Clear & kind")], as: gw.developer)
        assertPage(saved, contains: ["Item 0 saved.", "<h2>Item 1 ", "question 1", "1 completed, 0 skipped, 1 in review, 1 waiting, of 3"])
        let skipped = try await gw.submit("/review/\(id)/items/1/skip", [], as: gw.developer)
        assertPage(skipped, contains: ["Item 1 skipped.", "<h2>Item 2 "])
        let other = try await gw.submit("/review/\(id)/items/2/complete", [("score.helpfulness", "1"), ("score.tone", "rude")], as: gw.admin)
        assertPage(other, status: 409, contains: ["held by another reviewer"])
        _ = try await gw.submit("/review/\(id)/items/2/complete", [("score.helpfulness", "2"), ("score.tone", "neutral")], as: gw.developer)
        let finished = try await gw.page("/review/\(id)", as: gw.developer)
        assertPage(finished, contains: [#"id="queue-finished""#, "2 completed, 1 skipped, 0 in review, 0 waiting, of 3"])

        let trace = try await gw.page("/traces/\(traces[0])", as: gw.viewer)
        assertPage(trace, contains: [#"<table id="trace-scores">"#, "<td>helpfulness</td><td>4</td><td>human</td>",
                                     "<td>Clear &amp; kind</td>"])
        let unscored = try await gw.page("/traces/\(traces[1])", as: gw.viewer)
        assertPage(unscored, contains: [#"id="no-scores""#])
        let foreign = try await gw.page("/review/\(id)", as: gw.otherProject)
        assertPage(foreign, status: 404, contains: ["No annotation queue"])
    }

    func testFeedbackShowsOnTheTracePage() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let trace = try await ScoresAPITests.trace(gw)
        _ = try await gw.post("/api/scores", ["trace_id": .string(trace), "name": "thumbs", "value": false, "comment": "<i>wrong</i>"],
                              key: gw.developer)
        let page = try await gw.page("/traces/\(trace)", as: gw.viewer)
        assertPage(page, contains: ["<td>thumbs</td><td>no</td><td>api</td>", "&lt;i&gt;wrong&lt;/i&gt;"])
    }
}
