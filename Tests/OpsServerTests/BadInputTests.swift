import OpsCore
import OpsTesting
import XCTest

/// Every kind of bad input gets an OpenAI-shaped error naming what is wrong, and every
/// authenticated call leaves a trace with that error.
final class BadInputTests: XCTestCase {
    private func assertError(_ reply: GatewayHarness.Reply, status: Int, param: String? = nil, code: String? = nil,
                             messageContains: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(reply.status, status, reply.text, file: file, line: line)
        let error = reply.json["error"]
        XCTAssertNotNil(error?["type"]?.stringValue, file: file, line: line)
        XCTAssertTrue(error?["message"]?.stringValue?.contains(messageContains) == true,
                      "message '\(error?["message"]?.stringValue ?? "")' lacks '\(messageContains)'", file: file, line: line)
        if let param { XCTAssertEqual(error?["param"]?.stringValue, param, file: file, line: line) }
        if let code { XCTAssertEqual(error?["code"]?.stringValue, code, file: file, line: line) }
    }

    func testMalformedJSONNamesThePosition() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.send(.POST, "/v1/chat/completions", key: gw.developer, body: Array("{\"model\": \"mock-model\",\n \"messages\": [}".utf8))
        assertError(reply, status: 400, code: "invalid_json", messageContains: "line 2, column 15")
        let traces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(traces.first?["status"], "error")
        XCTAssertEqual(traces.first?["http_status"]?.intValue, 400)
        XCTAssertTrue(traces.first?["error"]?.stringValue?.contains("Malformed JSON") == true)
    }

    func testWrongAndMissingFieldsAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let missingMessages = try await gw.post("/v1/chat/completions", ["model": "mock-model"], key: gw.developer)
        assertError(missingMessages, status: 400, param: "messages", messageContains: "messages is required")
        let missingModel = try await gw.post("/v1/chat/completions", ["messages": [["role": "user", "content": "x"]]], key: gw.developer)
        assertError(missingModel, status: 400, param: "model", messageContains: "model is required")
        let badRole = try await gw.post("/v1/chat/completions",
                                        ["model": "mock-model", "messages": [["role": "user", "content": "a"], ["role": 7, "content": "b"]]],
                                        key: gw.developer)
        assertError(badRole, status: 400, param: "messages[1].role", messageContains: "must be a string, got a number")
        let badTemperature = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", extra: [("temperature", "hot")]), key: gw.developer)
        assertError(badTemperature, status: 400, param: "temperature", messageContains: "must be a number")
        let traces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(traces.count, 4)
        XCTAssertTrue(traces.allSatisfy { $0["status"] == "error" })
    }

    func testUnknownModelIs404() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", model: "gpt-nope"), key: gw.developer)
        assertError(reply, status: 404, param: "model", code: "model_not_found", messageContains: "gpt-nope")
        let unknownTraces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(unknownTraces.first?["model"], "gpt-nope")
    }

    func testOversizeBodyIs413() async throws {
        let gw = try await GatewayHarness.start { $0.server.maxBodyBytes = 1_000 }
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat(String(repeating: "x", count: 5_000)), key: gw.developer)
        assertError(reply, status: 413, messageContains: "exceeds the limit of 1000 bytes")
        let oversizeTraces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(oversizeTraces.first?["http_status"]?.intValue, 413)
    }

    func testMissingWrongAndRevokedKeysAre401() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        assertError(try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: nil), status: 401, messageContains: "Missing API key")
        assertError(try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: "llmops-wrong"), status: 401,
                    code: "invalid_api_key", messageContains: "Incorrect API key")
        let created = try await gw.post("/api/keys", ["role": "developer", "name": "temp"], key: gw.admin)
        XCTAssertEqual(created.status, 201, created.text)
        let secret = try XCTUnwrap(created.json["key"]?.stringValue)
        let beforeRevoke = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: secret)
        XCTAssertEqual(beforeRevoke.status, 200)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let revocation = try await gw.send(.DELETE, "/api/keys/\(id)", key: gw.admin)
        XCTAssertEqual(revocation.status, 200)
        assertError(try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: secret), status: 401, messageContains: "revoked")
    }

    func testRoleWithoutTheRightIs403AndTraced() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: gw.viewer)
        assertError(reply, status: 403, code: "insufficient_role", messageContains: "needs 'developer'")
        assertError(try await gw.post("/api/keys", ["role": "admin"], key: gw.developer), status: 403, messageContains: "needs 'admin'")
        let forbiddenTraces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(forbiddenTraces.first?["http_status"]?.intValue, 403)
        XCTAssertTrue(gw.mock.requests.isEmpty, "nothing reached the upstream")
    }

    func testUpstream4xxIsPassedThroughAnd5xxIs502() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        gw.mock.enqueue(.status(400, message: "This model's maximum context length is 8192 tokens"), .status(503, message: "overloaded"))
        let passed = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: gw.developer)
        assertError(passed, status: 400, messageContains: "maximum context length is 8192")
        let failed = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: gw.developer)
        assertError(failed, status: 502, messageContains: "HTTP 503: overloaded")
        let traces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(traces.map { $0["http_status"]?.intValue }, [502, 400])
        XCTAssertEqual(traces.first?["generations"]?.arrayValue?.first?["status"], "error")
    }

    func testUpstreamTimeoutIs504() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        gw.mock.enqueue(.delay(ms: 3_000, then: .echo))
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: gw.developer)
        assertError(reply, status: 504, code: "upstream_timeout", messageContains: "timed out")
        let timeoutTraces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(timeoutTraces.first?["http_status"]?.intValue, 504)
    }

    func testMalformedUpstreamJSONIs502() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        gw.mock.enqueue(.malformedJSON)
        assertError(try await gw.post("/v1/chat/completions", GatewayHarness.chat("x"), key: gw.developer), status: 502,
                    code: "upstream_malformed", messageContains: "malformed JSON")
    }

    func testStreamErrorAfterFirstTokenEndsWithErrorEventAndTrace() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        gw.mock.enqueue(.streamError(afterChunks: 2, message: "boom"))
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat("x", stream: true), key: gw.developer)
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.text.contains("\"error\""), reply.text)
        XCTAssertFalse(reply.text.contains("[DONE]"))
        let trace = try await gw.traces(key: gw.viewer).first
        XCTAssertEqual(trace?["status"], "error")
        XCTAssertTrue(trace?["error"]?.stringValue?.contains("boom") == true, "\(String(describing: trace?["error"]))")
        XCTAssertEqual(trace?["output"]?["content"], "one two ")
    }
}
