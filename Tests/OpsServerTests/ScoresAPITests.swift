import OpsCore
import XCTest

/// `/api/score-definitions` and `/api/scores`: end-user feedback lands on the trace (and shows in
/// `GET /api/traces/{id}`), values are checked against the name's definition, bad input is named
/// by field, and one project can neither score nor read another's traces.
final class ScoresAPITests: XCTestCase {
    /// A trace made by a chat call through the gateway.
    static func trace(_ gw: GatewayHarness, _ text: String = "How do I reset my password?") async throws -> String {
        let reply = try await gw.post("/v1/chat/completions", GatewayHarness.chat(text), key: gw.developer)
        XCTAssertEqual(reply.status, 200, reply.text)
        return try XCTUnwrap(reply.header("x-llmops-trace-id"))
    }

    static func define(_ gw: GatewayHarness) async throws {
        for body: JSONValue in [["name": "helpfulness", "kind": "numeric", "min": 1, "max": 5, "description": "How much it helped"],
                                ["name": "tone", "kind": "categorical", "categories": ["friendly", "neutral", "rude"]],
                                ["name": "thumbs", "kind": "boolean"]] {
            let reply = try await gw.post("/api/score-definitions", body, key: gw.developer)
            XCTAssertEqual(reply.status, 201, reply.text)
        }
    }

    func testFeedbackLandsOnTheTrace() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.define(gw)
        let id = try await Self.trace(gw)
        let thumbs = try await gw.post("/api/scores", ["trace_id": .string(id), "name": "thumbs", "value": false,
                                                       "comment": "It told me to call support 📞"], key: gw.developer)
        XCTAssertEqual(thumbs.status, 201, thumbs.text)
        XCTAssertEqual(thumbs.json["source"], "api")
        XCTAssertEqual(thumbs.json["kind"], "boolean")
        let developerID = try await gw.keyID(named: "dev")
        XCTAssertEqual(thumbs.json["author"]?.stringValue, developerID)
        let rating = try await gw.post("/api/scores", ["trace_id": .string(id), "name": "helpfulness", "value": 2], key: gw.developer)
        XCTAssertEqual(rating.json["value"], 2.0, rating.text)
        let tone = try await gw.post("/api/scores", ["trace_id": .string(id), "name": "tone", "value": "neutral"], key: gw.developer)
        XCTAssertEqual(tone.status, 201, tone.text)
        let adHoc = try await gw.post("/api/scores", ["trace_id": .string(id), "name": "latency-ok", "value": 0.5, "source": "eval"],
                                      key: gw.developer)
        XCTAssertEqual(adHoc.json["kind"], "numeric", "a name without a definition takes its kind from the value")
        XCTAssertEqual(adHoc.json["source"], "eval")

        let listed = try await gw.get("/api/scores?trace_id=\(id)", key: gw.viewer)
        XCTAssertEqual(listed.json["data"]?.arrayValue?.map { $0["name"] }, ["thumbs", "helpfulness", "tone", "latency-ok"])
        XCTAssertEqual(listed.json["data"]?[0]?["comment"], "It told me to call support 📞")
        let onTrace = try await gw.get("/api/traces/\(id)", key: gw.viewer)
        XCTAssertEqual(onTrace.json["scores"]?.arrayValue?.map { $0["value"] }, [false, 2.0, "neutral", 0.5])

        let definitions = try await gw.get("/api/score-definitions", key: gw.viewer)
        XCTAssertEqual(definitions.json["data"]?.arrayValue?.map { $0["name"] }, ["helpfulness", "thumbs", "tone"])
        XCTAssertEqual(definitions.json["data"]?[0]?["max"], 5.0)
    }

    func testBadScoresAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        try await Self.define(gw)
        let id = try await Self.trace(gw)
        let trace = JSONValue.string(id)
        let cases: [(JSONValue, Int, String?, String)] = [
            (["trace_id": trace, "name": "helpfulness", "value": 9], 400, "value", "outside the range of 'helpfulness' (1 to 5)"),
            (["trace_id": trace, "name": "helpfulness", "value": "great"], 400, "value", "must be a number from 1 to 5"),
            (["trace_id": trace, "name": "tone", "value": "sarcastic"], 400, "value", "must be one of friendly, neutral, rude"),
            (["trace_id": trace, "name": "thumbs", "value": 1], 400, "value", "must be true or false for 'thumbs'"),
            (["trace_id": trace, "name": "thumbs"], 400, "value", "value is required"),
            (["trace_id": trace, "value": true], 400, "name", "name is required"),
            (["trace_id": trace, "name": "a b", "value": true], 400, "name", "contains ' '"),
            (["trace_id": trace, "name": "free", "value": ["x"]], 400, "value", "a number, a string or a boolean"),
            (["trace_id": trace, "name": "thumbs", "value": true, "source": "robot"], 400, "source", "api, human or eval"),
            (["trace_id": trace, "name": "thumbs", "value": true, "stars": 3], 400, "stars", "not a score field"),
            (["name": "thumbs", "value": true], 400, "trace_id", "trace_id is required"),
            (["trace_id": 42, "name": "thumbs", "value": true], 400, "trace_id", "must be a string"),
            (["trace_id": "no-such-trace", "name": "thumbs", "value": true], 404, "trace_id", "No trace 'no-such-trace'"),
            (["run_id": "run_nope", "item": 0, "name": "thumbs", "value": true], 404, "run_id", "No experiment run 'run_nope'"),
            (["run_id": "run_nope", "name": "thumbs", "value": true], 400, "item", "item is required with run_id"),
        ]
        for (body, status, param, message) in cases {
            assertAPIError(try await gw.post("/api/scores", body, key: gw.developer), status: status, param: param,
                           messageContains: message)
        }
        let malformed = try await gw.sendRaw(.POST, "/api/scores", key: gw.developer, body: "{\"trace_id\": ", contentType: "application/json")
        assertAPIError(malformed, status: 400, param: nil, code: "invalid_json", messageContains: "Malformed JSON")
        let none = try await gw.get("/api/scores?trace_id=\(id)", key: gw.viewer)
        XCTAssertEqual(none.json["data"]?.arrayValue?.count, 0, "no refused score was stored")
        let viewer = try await gw.post("/api/scores", ["trace_id": trace, "name": "thumbs", "value": true], key: gw.viewer)
        XCTAssertEqual(viewer.status, 403, "a viewer key reads scores but does not write them")
        assertAPIError(try await gw.get("/api/scores", key: gw.viewer), status: 400, param: "trace_id", messageContains: "required")
        assertAPIError(try await gw.get("/api/scores?run_id=r&item=x", key: gw.viewer), status: 400, param: "item",
                       messageContains: "item index")

        let definitionCases: [(JSONValue, Int, String, String)] = [
            (["name": "helpfulness", "kind": "boolean"], 409, "name", "already exists"),
            (["name": "stars", "kind": "numeric", "min": 5, "max": 1], 400, "max", "greater than min"),
            (["name": "stars", "kind": "numeric", "min": 1], 400, "max", "max is required"),
            (["name": "stars", "kind": "ranking"], 400, "kind", "numeric, categorical or boolean"),
            (["name": "mood", "kind": "categorical", "categories": []], 400, "categories", "non-empty list"),
            (["name": "mood", "kind": "categorical", "categories": ["a", "a"]], 400, "categories[1]", "listed twice"),
            (["name": "mood", "kind": "categorical", "categories": ["a", 2]], 400, "categories[1]", "must be a string"),
            (["name": "flag", "kind": "boolean", "min": 0], 400, "min", "only applies to numeric"),
        ]
        for (body, status, param, message) in definitionCases {
            assertAPIError(try await gw.post("/api/score-definitions", body, key: gw.developer), status: status, param: param,
                           messageContains: message)
        }
    }

    func testProjectsAreIsolated() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let id = try await Self.trace(gw)
        let foreign = try await gw.post("/api/scores", ["trace_id": .string(id), "name": "thumbs", "value": true], key: gw.otherProject)
        assertAPIError(foreign, status: 404, param: "trace_id", code: "trace_not_found", messageContains: "No trace")
        let mine = try await gw.post("/api/scores", ["trace_id": .string(id), "name": "thumbs", "value": true], key: gw.developer)
        XCTAssertEqual(mine.status, 201)
        let read = try await gw.get("/api/scores?trace_id=\(id)", key: gw.otherProject)
        XCTAssertEqual(read.json["data"]?.arrayValue?.count, 0, "another project reads no scores of alpha's trace")
        let definition = try await gw.post("/api/score-definitions", ["name": "thumbs", "kind": "boolean"], key: gw.otherProject)
        XCTAssertEqual(definition.status, 201, "definitions are per project")
        let alphaDefinitions = try await gw.get("/api/score-definitions", key: gw.viewer)
        XCTAssertEqual(alphaDefinitions.json["data"]?.arrayValue?.count, 0)
    }
}
