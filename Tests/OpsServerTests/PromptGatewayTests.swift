import OpsCore
import XCTest

/// A chat request that names a stored prompt: rendered through the registry, its config filling
/// what the request left unset, the trace linked to the version; missing variables and unknown
/// prompts are client errors that still leave a trace.
final class PromptGatewayTests: XCTestCase {
    private static func pushSupport(_ gw: GatewayHarness) async throws {
        let v1 = try await gw.post("/api/prompts", PromptsAPITests.chatPrompt, key: gw.developer)
        XCTAssertEqual(v1.status, 201, v1.text)
        let v2 = try await gw.post("/api/prompts", ["name": "support", "text": "Say {{word}}",
                                                    "config": ["model": "mock-claude", "max_tokens": 7]], key: gw.developer)
        XCTAssertEqual(v2.status, 201, v2.text)
    }

    func testStoredPromptIsRenderedAndTraced() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.storedPromptIsRenderedAndTraced(gw)
    }

    /// Also run on PostgreSQL by `PostgresRegistryTests`.
    static func storedPromptIsRenderedAndTraced(_ gw: GatewayHarness) async throws {
        try await Self.pushSupport(gw)
        let body: JSONValue = ["prompt": ["name": "support", "label": "production",
                                          "variables": ["company": "Acme", "question": "Where is my order?"]],
                               "messages": [["role": "user", "content": "And my invoice?"]],
                               "metadata": ["customer": "c-1"]]
        let reply = try await gw.post("/v1/chat/completions", body, key: gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        let upstream = try XCTUnwrap(gw.mock.requests.last)
        XCTAssertEqual(upstream["model"], "mock-upstream-model", "the prompt's config chose the model")
        XCTAssertEqual(upstream["temperature"], 0.1)
        XCTAssertEqual(upstream["messages"], [["role": "system", "content": "You answer for Acme."],
                                              ["role": "user", "content": "Where is my order?"],
                                              ["role": "user", "content": "And my invoice?"]])
        XCTAssertNil(upstream["prompt"], "the prompt field is not sent upstream")

        let override: JSONValue = ["model": "mock-model", "temperature": 0.9,
                                   "prompt": ["name": "support", "version": 2, "variables": ["word": "hi"]]]
        let second = try await gw.post("/v1/chat/completions", override, key: gw.developer)
        XCTAssertEqual(second.status, 200, second.text)
        let upstream2 = try XCTUnwrap(gw.mock.requests.last)
        XCTAssertEqual(upstream2["model"], "mock-upstream-model", "the request's own model wins over the config")
        XCTAssertEqual(upstream2["temperature"], 0.9)
        XCTAssertEqual(upstream2["max_tokens"], 7, "unset fields come from the config")
        XCTAssertEqual(upstream2["messages"], [["role": "user", "content": "Say hi"]])

        let traces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(traces.count, 2)
        XCTAssertEqual(traces[1]["metadata"], ["customer": "c-1", "prompt_name": "support", "prompt_version": 1])
        XCTAssertEqual(traces[1]["input"]?.arrayValue?.count, 3, "the trace holds the rendered messages")
        let v1Traces = try await gw.traces(key: gw.viewer, query: "prompt=support@1")
        XCTAssertEqual(v1Traces.map { $0["id"] }, [traces[1]["id"]])
        let all = try await gw.traces(key: gw.viewer, query: "prompt=support")
        XCTAssertEqual(all.count, 2)
        let none = try await gw.traces(key: gw.viewer, query: "prompt=other")
        XCTAssertEqual(none.count, 0)
        assertAPIError(try await gw.get("/api/traces?prompt=support@production", key: gw.viewer), status: 400,
                       param: "prompt", messageContains: "a label moves")
    }

    /// The gateway keeps resolved versions in memory; a label moved (or a version pushed) through
    /// the API is what the very next call renders.
    func testLabelMovesAndPushesApplyToTheNextCall() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.pushSupport(gw)
        let call: JSONValue = ["model": "mock-model", "prompt": ["name": "support", "label": "production",
                                                                 "variables": ["company": "Acme", "question": "q", "word": "w"]]]
        func renderedVersion() async throws -> JSONValue? {
            let reply = try await gw.post("/v1/chat/completions", call, key: gw.developer)
            XCTAssertEqual(reply.status, 200, reply.text)
            return try await gw.traces(key: gw.viewer).first?["metadata"]?["prompt_version"]
        }
        let before = try await renderedVersion()
        XCTAssertEqual(before, 1)
        let moved = try await gw.put("/api/prompts/support/labels/production", ["version": 2], key: gw.developer)
        XCTAssertEqual(moved.status, 200, moved.text)
        let after = try await renderedVersion()
        XCTAssertEqual(after, 2)
        XCTAssertEqual(gw.mock.requests.last?["messages"], [["role": "user", "content": "Say w"]])

        let latest: JSONValue = ["model": "mock-model", "prompt": ["name": "support", "variables": ["word": "w"]]]
        _ = try await gw.post("/v1/chat/completions", latest, key: gw.developer)
        let v3 = try await gw.post("/api/prompts", ["name": "support", "text": "Now {{word}}"], key: gw.developer)
        XCTAssertEqual(v3.status, 201, v3.text)
        let reply = try await gw.post("/v1/chat/completions", latest, key: gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(gw.mock.requests.last?["messages"], [["role": "user", "content": "Now w"]], "a push moves the newest at once")
    }

    func testMissingVariablesAndUnknownPrompts() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.pushSupport(gw)
        let missing = try await gw.post("/v1/chat/completions", ["prompt": ["name": "support", "label": "production"]],
                                        key: gw.developer)
        assertAPIError(missing, status: 400, param: "prompt.variables", code: "missing_variables",
                       messageContains: "'company', 'question'")
        let unknown = try await gw.post("/v1/chat/completions", ["prompt": ["name": "nope", "variables": [:]]], key: gw.developer)
        assertAPIError(unknown, status: 404, param: "prompt", code: "prompt_not_found", messageContains: "No prompt named 'nope'")
        let noLabel = try await gw.post("/v1/chat/completions", ["prompt": ["name": "support", "label": "staging"]],
                                        key: gw.developer)
        assertAPIError(noLabel, status: 404, param: "prompt", messageContains: "has no label 'staging'")
        let badField = try await gw.post("/v1/chat/completions", ["prompt": ["name": "support", "vars": [:]]], key: gw.developer)
        assertAPIError(badField, status: 400, param: "prompt.vars", messageContains: "not a prompt field")
        let badMessages = try await gw.post("/v1/chat/completions",
                                            ["prompt": ["name": "support", "version": 2, "variables": ["word": "x"]],
                                             "messages": "hi"], key: gw.developer)
        assertAPIError(badMessages, status: 400, param: "messages", messageContains: "must be an array")
        let foreign = try await gw.post("/v1/chat/completions",
                                        ["prompt": ["name": "support", "version": 2, "variables": ["word": "x"]]],
                                        key: gw.otherProject)
        assertAPIError(foreign, status: 404, param: "prompt", messageContains: "No prompt named 'support'")
        XCTAssertEqual(gw.mock.requests.count, 0, "no failed expansion reached the upstream")
        let traces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(traces.count, 5, "every failed call still left a trace")
        XCTAssertTrue(traces.allSatisfy { $0["status"] == "error" })
        XCTAssertEqual(traces.last?["http_status"], 400)
    }

    func testStreamingWithAPrompt() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.pushSupport(gw)
        let reply = try await gw.post("/v1/chat/completions",
                                      ["model": "mock-model", "stream": true,
                                       "prompt": ["name": "support", "version": 2, "variables": ["word": "streamed"]]],
                                      key: gw.developer)
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.text.contains("data: [DONE]"), reply.text)
        let traces = try await gw.traces(key: gw.viewer, query: "prompt=support@2")
        XCTAssertEqual(traces.count, 1)
        XCTAssertEqual(traces.first?["input"]?.arrayValue?[0]["content"], "Say streamed")

        let emptyModel = try await gw.post("/v1/chat/completions",
                                           ["model": "", "prompt": ["name": "support", "version": 2, "variables": ["word": "x"]]],
                                           key: gw.developer)
        XCTAssertEqual(emptyModel.status, 200, "an empty model is unset: the prompt's config chooses it")
        let latest = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(latest.first?["model"], "mock-claude")
    }
}
