import OpsCore
import XCTest

/// The console's prompt and dataset pages: list, versions with labels and history, a diff, the
/// playground running a version through the gateway; datasets with versions and items; every
/// page scoped to the key's project.
final class ConsolePromptPagesTests: XCTestCase {
    static func pushPrompts(_ gw: GatewayHarness) async throws {
        for (text, message) in [("Answer briefly: {{question}}", "first"), ("Answer in one <b>line</b>: {{question}}\nSign as {{name}}", "shorter")] {
            let reply = try await gw.post("/api/prompts", ["name": "support", "text": .string(text), "config": ["model": "mock-model", "temperature": 0.2],
                                                           "commit_message": .string(message)], key: gw.developer)
            XCTAssertEqual(reply.status, 201, reply.text)
        }
        _ = try await gw.put("/api/prompts/support/labels/production", ["version": 2], key: gw.developer)
        _ = try await gw.put("/api/prompts/support/labels/production", ["version": 1], key: gw.developer)
    }

    func testPromptListVersionsLabelsAndHistory() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.pushPrompts(gw)
        let list = try await gw.page("/prompts", as: gw.viewer)
        assertPage(list, contains: [#"<a class="prompt-link" href="/prompts/support">support</a>"#, "<td class=\"num\">v2</td>",
                                    "production → v1", #"href="/prompts" class="active""#])
        let detail = try await gw.page("/prompts/support", as: gw.viewer)
        assertPage(detail, contains: ["<h2>Version 2</h2>", "Variables: question, name", "Answer in one &lt;b&gt;line&lt;/b&gt;",
                                      #"<td>production</td><td class="num">v1</td>"#, "shorter",
                                      #"v1 <span class="pill warn">rollback</span>"#, #"<option value="1" selected>v1</option>"#,
                                      #"<option value="2" selected>v2</option>"#, "&quot;temperature&quot;: 0.2"])
        XCTAssertFalse(detail.text.contains("<b>line</b>"), "prompt text is escaped")
        let first = try await gw.page("/prompts/support?version=1", as: gw.viewer)
        assertPage(first, contains: ["<h2>Version 1</h2>", "Answer briefly"])
        let missing = try await gw.page("/prompts/nope", as: gw.viewer)
        assertPage(missing, status: 404, contains: ["No prompt named &#39;nope&#39;", "<h1>Not found</h1>"])
        let badVersion = try await gw.page("/prompts/support?version=x", as: gw.viewer)
        assertPage(badVersion, status: 400, contains: ["version must be a version number", "<code>version</code>"])
        let foreign = try await gw.page("/prompts/support", as: gw.otherProject)
        XCTAssertEqual(foreign.status, 404, "another project's prompt does not exist for this key")
        let foreignList = try await gw.page("/prompts", as: gw.otherProject)
        assertPage(foreignList, contains: ["No prompts yet"])
    }

    func testDiffBetweenTwoVersions() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.pushPrompts(gw)
        let diff = try await gw.page("/prompts/support/diff?from=1&to=2", as: gw.viewer)
        assertPage(diff, contains: ["<h1>support@1 → support@2</h1>", #"<div class="removed">- Answer briefly: {{question}}</div>"#,
                                    #"<div class="added">+ Answer in one &lt;b&gt;line&lt;/b&gt;: {{question}}</div>"#,
                                    #"<div class="added">+ Sign as {{name}}</div>"#, "2 lines added, 1 removed",
                                    "--- support@1\n+++ support@2"])
        XCTAssertFalse(diff.text.contains("config-changes"), "the configs are the same")
        let same = try await gw.page("/prompts/support/diff?from=2&to=2", as: gw.viewer)
        assertPage(same, contains: ["The two versions are the same."])
        let missing = try await gw.page("/prompts/support/diff?from=1&to=9", as: gw.viewer)
        assertPage(missing, status: 404, contains: ["has no version 9", "<code>to</code>"])
        let incomplete = try await gw.page("/prompts/support/diff?from=1", as: gw.viewer)
        assertPage(incomplete, status: 400, contains: ["Choose two versions", "<code>to</code>"])
    }

    func testPlaygroundRunsAVersionThroughTheGateway() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.pushPrompts(gw)
        let form = try await gw.page("/prompts/support/playground?version=2", as: gw.developer)
        assertPage(form, contains: [#"<textarea name="var.question" id="pg-var-question">"#, #"name="var.name""#,
                                    #"<option value="mock-model" selected>mock-model</option>"#, #"id="pg-run""#])
        let viewerForm = try await gw.page("/prompts/support/playground", as: gw.viewer)
        assertPage(viewerForm, contains: ["A viewer key cannot call models"])

        let ran = try await gw.submit("/prompts/support/playground", [("version", "2"), ("model", "mock-model"),
                                                                        ("var.question", "Where is my order?"), ("var.name", "Ada")],
                                      as: gw.developer)
        assertPage(ran, contains: [#"<pre class="content" id="pg-answer">echo: Answer in one &lt;b&gt;line&lt;/b&gt;: Where is my order?"#,
                                   "Sign as Ada", #"id="pg-trace" href="/traces/"#])
        let traces = try await gw.traces(key: gw.viewer, query: "tag=playground")
        XCTAssertEqual(traces.count, 1, "the playground call is traced through the gateway")
        XCTAssertEqual(traces.first?["metadata"]?["prompt_version"], 2)
        let traceID = try XCTUnwrap(traces.first?["id"]?.stringValue)
        XCTAssertTrue(ran.text.contains(traceID))

        let missing = try await gw.submit("/prompts/support/playground", [("version", "2"), ("var.question", "Hi")], as: gw.developer)
        assertPage(missing, status: 400, contains: [#"id="pg-error""#, "name", "prompt.variables"])
        XCTAssertTrue(missing.text.contains(#"<textarea name="var.question" id="pg-var-question">Hi</textarea>"#), "what was typed is kept")
        let unknownModel = try await gw.submit("/prompts/support/playground", [("version", "1"), ("model", "nope"), ("var.question", "Hi")],
                                               as: gw.developer)
        assertPage(unknownModel, status: 404, contains: [#"id="pg-error""#, "nope"])
        let viewer = try await gw.submit("/prompts/support/playground", [("version", "1"), ("var.question", "Hi")], as: gw.viewer)
        assertPage(viewer, status: 403, contains: ["Not allowed", "needs &#39;developer&#39;"])
        let afterViewer = try await gw.traces(key: gw.viewer, query: "tag=playground")
        XCTAssertEqual(afterViewer.count, 3, "the refused calls are traced too, the viewer's is not")
    }

    func testDatasetPages() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let first = try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer,
                                         body: "{\"input\": {\"question\": \"Capital of France?\"}, \"expected_output\": \"Paris\"}\n")
        let second = try await gw.sendRaw(.POST, "/api/datasets/qa?format=jsonl", key: gw.developer,
                                          body: "{\"input\": {\"question\": \"Capital of France?\"}, \"expected_output\": \"Paris\"}\n"
                                              + "{\"input\": \"<script>x</script>\", \"metadata\": {\"source\": \"trace\"}}\n")
        let oldHash = try XCTUnwrap(first.json["hash"]?.stringValue)
        let newHash = try XCTUnwrap(second.json["hash"]?.stringValue)
        let list = try await gw.page("/datasets", as: gw.viewer)
        assertPage(list, contains: [#"<a class="dataset-link" href="/datasets/qa">qa</a>"#, "<td class=\"num\">2</td>",
                                    "<code>\(newHash.prefix(12))</code>"])
        let latest = try await gw.page("/datasets/qa", as: gw.viewer)
        assertPage(latest, contains: [#"<code id="shown-version">\#(newHash.prefix(12))</code>"#, "Paris", "&lt;script&gt;x&lt;/script&gt;",
                                      "&quot;source&quot;: &quot;trace&quot;", "href=\"/datasets/qa?version=\(oldHash)\""])
        XCTAssertEqual(latest.text.components(separatedBy: "class=\"item-row\"").count - 1, 2)
        let old = try await gw.page("/datasets/qa?version=\(oldHash.prefix(8))", as: gw.viewer)
        assertPage(old, contains: [#"<code id="shown-version">\#(oldHash.prefix(12))</code>"#])
        XCTAssertEqual(old.text.components(separatedBy: "class=\"item-row\"").count - 1, 1, "an old version keeps its items")
        let badVersion = try await gw.page("/datasets/qa?version=zz", as: gw.viewer)
        XCTAssertEqual(badVersion.status, 400)
        let foreign = try await gw.page("/datasets/qa", as: gw.otherProject)
        assertPage(foreign, status: 404, contains: ["No dataset named &#39;qa&#39;"])
    }
}
