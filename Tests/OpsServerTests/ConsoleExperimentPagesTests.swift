import OpsCore
import XCTest

/// The console's experiment pages: runs, a run's item table, and the comparison of two runs with
/// means, the paired difference, its interval drawn as SVG, win/tie/loss, p-values and regressions.
final class ConsoleExperimentPagesTests: XCTestCase {
    /// Two finished runs over one 6-item dataset version: the candidate is worse on items 1 and 4.
    static func twoRuns(_ gw: GatewayHarness) async throws -> (baseline: String, candidate: String) {
        _ = try await gw.post("/api/prompts", ["name": "qa", "text": "{{question}}", "config": ["model": "mock-model"]], key: gw.developer)
        let lines = (0..<6).map { "{\"input\": {\"question\": \"q\($0)\"}, \"expected_output\": \"a\($0)\"}" }.joined(separator: "\n")
        let dataset = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer, body: lines + "\n")
        XCTAssertEqual(dataset.status, 201, dataset.text)
        var ids: [String] = []
        for (run, scores) in [("baseline", [1.0, 1, 0, 1, 1, 0]), ("candidate", [1.0, 0, 1, 1, 0, 1])] {
            let created = try await gw.post("/api/experiments", ExperimentsAPITests.plan, key: gw.developer)
            let id = try XCTUnwrap(created.json["id"]?.stringValue)
            let items: [JSONValue] = scores.enumerated().map { i, score in
                ["item": .int(Int64(i)), "output": .string("\(run) answer \(i)"), "latency": 0.25, "cost": 0.001,
                 "usage": ["prompt_tokens": 3, "completion_tokens": 2], "scores": ["exact": .double(score), "bleu": .double(score * 50)]]
            }
            let saved = try await gw.post("/api/experiments/\(id)/items", ["items": .array(items)], key: gw.developer)
            XCTAssertEqual(saved.status, 200, saved.text)
            _ = try await gw.post("/api/experiments/\(id)/finish", ["summary": ["passed": true]], key: gw.developer)
            ids.append(id)
        }
        return (ids[0], ids[1])
    }

    func testRunListAndItemTable() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let (baseline, candidate) = try await Self.twoRuns(gw)
        let list = try await gw.page("/experiments", as: gw.viewer)
        assertPage(list, contains: [#"<a class="run-link" href="/experiments/\#(baseline)">"#, "prompt qa@1", "exact, bleu",
                                    #"<option value="\#(candidate)" selected>"#, #"id="compare-button""#])
        let run = try await gw.page("/experiments/\(baseline)", as: gw.viewer)
        assertPage(run, contains: ["<th class=\"num\">exact</th><th class=\"num\">bleu</th>", "baseline answer 4", "&quot;question&quot;: &quot;q4&quot;",
                                   "<pre>a4</pre>", "6 of 6 (0 failed)", "<div class=\"value\">0.6667</div>", "250 ms", "$0.006"])
        XCTAssertEqual(run.text.components(separatedBy: "class=\"item-row\"").count - 1, 6)
        let missing = try await gw.page("/experiments/run_nope", as: gw.viewer)
        assertPage(missing, status: 404, contains: ["No experiment run &#39;run_nope&#39;"])
        let foreign = try await gw.page("/experiments/\(baseline)", as: gw.otherProject)
        XCTAssertEqual(foreign.status, 404, "another project's run does not exist for this key")
    }

    func testComparisonOfTwoRuns() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let (baseline, candidate) = try await Self.twoRuns(gw)
        let page = try await gw.page("/experiments/compare?baseline=\(baseline)&candidate=\(candidate)", as: gw.viewer)
        // exact: baseline mean 4/6, candidate 4/6; two wins (items 2, 5), two losses (1, 4), two ties.
        assertPage(page, contains: [#"<tr class="metric-row" data-metric="exact"><td>exact</td><td class="num">6</td><td class="num">0.6667</td><td class="num">0.6667</td>"#,
                                    "<td class=\"num\">2 / 2 / 2</td>", #"<svg xmlns="http://www.w3.org/2000/svg" class="interval""#,
                                    "data-verdict=\"unclear\"", "<title>exact: candidate − baseline: 0 [",
                                    #"<tr class="metric-row" data-metric="bleu">"#, "baseline answer 1", "candidate answer 4"])
        XCTAssertEqual(page.text.components(separatedBy: "class=\"regression-row\"").count - 1, 4, "items 1 and 4 for each metric")
        let reversed = try await gw.page("/experiments/compare?baseline=\(candidate)&candidate=\(baseline)", as: gw.viewer)
        XCTAssertTrue(reversed.text.contains("candidate answer 2"), "swapping the runs swaps which items regressed")

        let missing = try await gw.page("/experiments/compare?baseline=\(baseline)", as: gw.viewer)
        assertPage(missing, status: 400, contains: ["Choose a candidate run", "<code>candidate</code>"])
        let unknown = try await gw.page("/experiments/compare?baseline=\(baseline)&candidate=run_x", as: gw.viewer)
        assertPage(unknown, status: 404, contains: ["No experiment run &#39;run_x&#39;", "<code>candidate</code>"])
        _ = try await gw.sendRaw(.POST, "/api/datasets/ds?format=jsonl", key: gw.developer, body: "{\"input\": {\"question\": \"new\"}}\n")
        let other = try await gw.post("/api/experiments", ExperimentsAPITests.plan, key: gw.developer)
        let otherID = try XCTUnwrap(other.json["id"]?.stringValue)
        let mismatch = try await gw.page("/experiments/compare?baseline=\(baseline)&candidate=\(otherID)", as: gw.viewer)
        assertPage(mismatch, status: 400, contains: ["only on the same dataset version"])
        let foreign = try await gw.page("/experiments/compare?baseline=\(baseline)&candidate=\(candidate)", as: gw.otherProject)
        XCTAssertEqual(foreign.status, 404)
    }
}
