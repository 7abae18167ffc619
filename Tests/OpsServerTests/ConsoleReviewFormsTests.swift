import OpsCore
import XCTest

/// The forms on `/review` that create score definitions and annotation queues: what they store,
/// a refused form coming back as typed with the field at fault marked (and nothing created),
/// and viewers seeing the page without the forms.
final class ConsoleReviewFormsTests: XCTestCase {
    func testDevelopersDefineScoresFromTheReviewPage() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let viewerPage = try await gw.page("/review", as: gw.viewer)
        assertPage(viewerPage, contains: [#"id="no-queues""#, #"id="no-definitions""#, "A developer key can create one"])
        XCTAssertFalse(viewerPage.text.contains("definition-form"))
        XCTAssertFalse(viewerPage.text.contains("queue-form"))
        let viewerPost = try await gw.submit("/review/score-definitions", [("name", "thumbs"), ("kind", "boolean")], as: gw.viewer)
        XCTAssertEqual(viewerPost.status, 403)
        let empty = try await gw.page("/review", as: gw.developer)
        assertPage(empty, contains: [#"<form class="stack card" id="definition-form" method="post" action="/review/score-definitions">"#,
                                     #"id="def-kind-numeric" value="numeric" checked"#, #"id="queue-form""#])

        let numeric = try await gw.submit("/review/score-definitions", [("name", "helpfulness"), ("kind", "numeric"), ("min", "1"),
                                                                         ("max", "5"), ("categories", ""),
                                                                         ("description", "How much it helped")], as: gw.developer)
        assertPage(numeric, contains: ["Score definition &#39;helpfulness&#39; created.",
                                       "<tr class=\"definition-row\"><td>helpfulness</td><td>numeric</td><td>1 to 5</td><td>How much it helped</td></tr>"])
        _ = try await gw.submit("/review/score-definitions", [("name", "tone"), ("kind", "categorical"), ("min", ""), ("max", ""),
                                                               ("categories", "friendly\r\n neutral \r\n\r\nrude")], as: gw.developer)
        _ = try await gw.submit("/review/score-definitions", [("name", "thumbs"), ("kind", "boolean"), ("min", ""), ("max", ""),
                                                               ("categories", "")], as: gw.developer)
        let stored = try await gw.get("/api/score-definitions", key: gw.viewer)
        let byName = Dictionary(uniqueKeysWithValues: (stored.json["data"]?.arrayValue ?? []).compactMap { d in
            d["name"]?.stringValue.map { ($0, d) }
        })
        XCTAssertEqual(byName["helpfulness"]?["min"], 1.0)
        XCTAssertEqual(byName["helpfulness"]?["max"], 5.0)
        XCTAssertEqual(byName["helpfulness"]?["description"], "How much it helped")
        XCTAssertEqual(byName["tone"]?["categories"], ["friendly", "neutral", "rude"], "one per line, trimmed, blank lines dropped")
        XCTAssertEqual(byName["thumbs"]?["kind"], "boolean")
        let developerID = try await gw.keyID(named: "dev")
        XCTAssertEqual(byName["thumbs"]?["author"]?.stringValue, developerID)

        let bad: [([(String, String)], Int, [String])] = [
            ([("name", "accuracy"), ("kind", "numeric"), ("min", "1"), ("max", "0")], 400,
             ["max must be greater than min", #"<label class="invalid">Max"#, #"value="0""#, #"id="def-name" value="accuracy""#]),
            ([("name", "accuracy"), ("kind", "numeric"), ("min", "low"), ("max", "5")], 400,
             ["min must be a number", #"<label class="invalid">Min"#, #"value="low""#]),
            ([("name", "accuracy"), ("kind", "categorical"), ("categories", "good\ngood")], 400,
             ["categories[1] &#39;good&#39; is listed twice", #"<label class="invalid">Categories"#, ">good\ngood</textarea>",
              #"id="def-kind-categorical" value="categorical" checked"#]),
            ([("name", "accuracy"), ("kind", "boolean"), ("min", "1")], 400, ["min only applies to numeric scores"]),
            ([("name", ""), ("kind", "boolean")], 400, ["name is required", #"<label class="invalid">Name"#]),
            ([("name", "tone"), ("kind", "boolean")], 409, ["already exists", #"<label class="invalid">Name"#]),
        ]
        for (fields, status, fragments) in bad {
            let reply = try await gw.submit("/review/score-definitions", fields, as: gw.developer)
            assertPage(reply, status: status, contains: [#"id="definition-error""#] + fragments)
        }
        let after = try await gw.get("/api/score-definitions", key: gw.viewer)
        XCTAssertEqual(after.json["data"]?.arrayValue?.count, 3, "no refused form created a definition")
    }

    func testDevelopersCreateQueuesFromTheReviewPage() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 2)
        _ = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "missing"), key: gw.developer)
        let runs = try await QueueAdditionsAPITests.twoRuns(gw)
        let form = try await gw.page("/review", as: gw.developer)
        assertPage(form, contains: [#"<input type="checkbox" name="score_definitions" id="queue-def-helpfulness" value="helpfulness"> helpfulness <span class="hint">1 to 5</span>"#,
                                    #"name="trace_filter.model" id="queue-filter-model""#, #"<option value="\#(runs[0])">\#(runs[0]) · ds@"#,
                                    #"id="queue-source-filter" value="trace_filter" checked"#])
        let viewerPost = try await gw.submit("/review/queues", [("name", "q"), ("score_definitions", "tone"), ("source", "trace_filter")],
                                             as: gw.viewer)
        XCTAssertEqual(viewerPost.status, 403)

        let base: [(String, String)] = [("name", "Support review"), ("description", "Check tone"), ("score_definitions", "helpfulness"),
                                        ("score_definitions", "tone"), ("lease_seconds", "")]
        let blanks = ["from", "to", "user", "session_id", "tag", "prompt"].map { ("trace_filter.\($0)", "") }
        let bad: [([(String, String)], Int, [String])] = [
            ([("name", "Support review"), ("source", "trace_filter")], 400,
             ["score_definitions is required", #"<fieldset id="queue-definitions" class="invalid""#, #"id="queue-name" value="Support review""#]),
            (base + [("source", "trace_filter"), ("trace_filter.status", "meh")], 400,
             ["trace_filter.status must be ok or error", #"<label class="invalid">Status"#]),
            (base + [("source", "trace_filter"), ("trace_filter.model", "none")] + blanks, 400,
             ["trace_filter matches no traces", #"<label class="inline invalid"><input type="radio" name="source" id="queue-source-filter""#,
              #"id="queue-filter-model" value="none""#]),
            (base + [("source", "trace_ids"), ("trace_ids", "\(traces[0]) ghost")], 404,
             ["No trace &#39;ghost&#39;", #"aria-invalid="true">\#(traces[0]) ghost</textarea>"#,
              #"id="queue-source-ids" value="trace_ids" checked"#, #"id="queue-def-tone" value="tone" checked"#]),
            (base + [("source", "trace_ids"), ("trace_ids", "\(traces[0]), \(traces[0])")], 400, ["listed twice"]),
            (base + [("source", "run_id"), ("run_id", "")], 400, ["run_id is empty", #"<label class="invalid"><select name="run_id""#]),
            (base + [("trace_ids", traces[0])], 400, ["Say what to review"]),
            (base.filter { $0.0 != "lease_seconds" } + [("lease_seconds", "5"), ("source", "trace_filter")], 400,
             ["lease_seconds must be between 10 and 86400", #"<label class="invalid">Lease"#, #"id="queue-lease" inputmode="numeric" value="5""#]),
            (base + [("source", "run_id"), ("run_id", "run_nope")], 404, ["No experiment run"]),
        ]
        for (fields, status, fragments) in bad {
            let reply = try await gw.submit("/review/queues", fields, as: gw.developer)
            assertPage(reply, status: status, contains: [#"id="queue-error""#] + fragments)
        }
        let none = try await gw.get("/api/queues", key: gw.viewer)
        XCTAssertEqual(none.json["data"]?.arrayValue?.count, 0, "no refused form created a queue")

        let created = try await gw.submit("/review/queues", base + [("source", "trace_filter"), ("trace_filter.model", "mock-model"),
                                                                    ("trace_filter.status", "ok")] + blanks, as: gw.developer)
        assertPage(created, contains: ["Queue created with 2 items.", "<h1>Support review</h1>", #"id="review-next""#])
        let overRun = try await gw.submit("/review/queues", [("name", "Run check"), ("score_definitions", "thumbs"), ("source", "run_id"),
                                                             ("run_id", runs[1]), ("lease_seconds", "60")], as: gw.developer)
        assertPage(overRun, contains: ["Queue created with 2 items."])
        let listed = try await gw.get("/api/queues", key: gw.viewer)
        let queues = listed.json["data"]?.arrayValue ?? []
        XCTAssertEqual(queues.map { $0["name"] }, ["Run check", "Support review"])
        XCTAssertEqual(queues[0]["run_id"]?.stringValue, runs[1])
        XCTAssertEqual(queues[0]["lease_seconds"], 60)
        XCTAssertEqual(queues[1]["score_definitions"], ["helpfulness", "tone"])
        XCTAssertEqual(queues[1]["description"], "Check tone")
        XCTAssertEqual(queues[1]["item_count"], 2, "the failed call is left out by status=ok")
        let id = try XCTUnwrap(queues[1]["id"]?.stringValue)
        let first = try await gw.get("/api/queues/\(id)/items/0", key: gw.viewer)
        XCTAssertEqual(first.json["trace_id"]?.stringValue, traces[0], "oldest first")

        let page = try await gw.page("/review", as: gw.viewer)
        assertPage(page, contains: [#"<a class="queue-link" href="/review/\#(id)">Support review</a>"#, "experiment items, from \(runs[1])"])
        let taken = try await gw.submit("/review/\(id)/next", [], as: gw.developer)
        assertPage(taken, contains: ["<h2>Item 0 ", "question 0"])
        let saved = try await gw.submit("/review/\(id)/items/0/complete", [("score.helpfulness", "5"), ("score.tone", "friendly")],
                                        as: gw.developer)
        assertPage(saved, contains: ["Item 0 saved.", "1 completed"])
    }
}
