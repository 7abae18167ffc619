import OpsCore
import XCTest

/// `/api/prompts`: push, fetch by label or version with an ETag, labels with history and rollback,
/// diffs; bad input named by field; one project never sees another's prompts.
final class PromptsAPITests: XCTestCase {
    static let chatPrompt: JSONValue = [
        "name": "support", "type": "chat",
        "messages": [["role": "system", "content": "You answer for {{company}}."], ["role": "user", "content": "{{question}}"]],
        "config": ["model": "mock-model", "temperature": 0.1], "labels": ["production"], "commit_message": "first",
    ]

    func testPushFetchLabelsETagAndDiff() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let developerID = try await gw.keyID(named: "dev")

        let v1 = try await gw.post("/api/prompts", Self.chatPrompt, key: gw.developer)
        XCTAssertEqual(v1.status, 201, v1.text)
        XCTAssertEqual(v1.json["version"], 1)
        XCTAssertEqual(v1.json["author"]?.stringValue, developerID)
        XCTAssertEqual(v1.json["label_moves"]?.arrayValue?[0]["to"], 1)
        let v2 = try await gw.post("/api/prompts", ["name": "support", "type": "text", "text": "Answer: {{question}}",
                                                    "config": ["model": "mock-model", "temperature": 0.5]], key: gw.developer)
        XCTAssertEqual(v2.json["version"], 2, v2.text)
        XCTAssertEqual(v2.json["text"], "Answer: {{question}}")

        let list = try await gw.get("/api/prompts", key: gw.viewer)
        XCTAssertEqual(list.json["data"]?.arrayValue?[0]["name"], "support")
        XCTAssertEqual(list.json["data"]?.arrayValue?[0]["latest_version"], 2)
        XCTAssertEqual(list.json["data"]?.arrayValue?[0]["labels"], ["production": 1])

        let production = try await gw.get("/api/prompts/support?label=production", key: gw.viewer)
        XCTAssertEqual(production.status, 200)
        XCTAssertEqual(production.json["version"], 1)
        XCTAssertEqual(production.json["labels"], ["production"])
        let etag1 = try XCTUnwrap(production.header("etag"))
        XCTAssertEqual(production.json["etag"]?.stringValue, etag1)
        let byPath = try await gw.get("/api/prompts/support@production", key: gw.viewer)
        XCTAssertEqual(byPath.header("etag"), etag1, "the same version has the same ETag however it is named")
        let byNumber = try await gw.get("/api/prompts/support?version=1", key: gw.viewer)
        XCTAssertEqual(byNumber.header("etag"), etag1)

        let cached = try await gw.sendRaw(.GET, "/api/prompts/support?label=production", key: gw.viewer,
                                          headers: [("if-none-match", etag1)])
        XCTAssertEqual(cached.status, 304)
        XCTAssertEqual(cached.body, [])
        let weakList = try await gw.sendRaw(.GET, "/api/prompts/support?label=production", key: gw.viewer,
                                            headers: [("if-none-match", "\"other\", W/\(etag1)")])
        XCTAssertEqual(weakList.status, 304)
        let latest = try await gw.sendRaw(.GET, "/api/prompts/support", key: gw.viewer, headers: [("if-none-match", etag1)])
        XCTAssertEqual(latest.status, 200, "the newest version is another version")
        XCTAssertEqual(latest.json["version"], 2)
        XCTAssertNotEqual(latest.header("etag"), etag1)

        let release = try await gw.put("/api/prompts/support/labels/production", ["version": 2], key: gw.developer)
        XCTAssertEqual(release.status, 200, release.text)
        XCTAssertEqual(release.json["from"], 1)
        XCTAssertEqual(release.json["to"], 2)
        XCTAssertEqual(release.json["actor"]?.stringValue, developerID)
        XCTAssertEqual(release.json["rollback"], false)
        let moved = try await gw.sendRaw(.GET, "/api/prompts/support?label=production", key: gw.viewer,
                                         headers: [("if-none-match", etag1)])
        XCTAssertEqual(moved.status, 200, "a moved label no longer matches the cached ETag")
        XCTAssertEqual(moved.json["version"], 2)
        let rollback = try await gw.put("/api/prompts/support/labels/production", ["version": 1], key: gw.admin)
        XCTAssertEqual(rollback.json["rollback"], true)
        let back = try await gw.sendRaw(.GET, "/api/prompts/support?label=production", key: gw.viewer,
                                        headers: [("if-none-match", etag1)])
        XCTAssertEqual(back.status, 304, "after the rollback the cached version is current again")

        let history = try await gw.get("/api/prompts/support/labels/history", key: gw.viewer)
        let moves = history.json["data"]?.arrayValue ?? []
        XCTAssertEqual(moves.map { $0["from"] }, [.null, 1, 2])
        XCTAssertEqual(moves.map { $0["to"] }, [1, 2, 1])
        XCTAssertEqual(moves.map { $0["rollback"] }, [false, false, true])
        let labels = try await gw.get("/api/prompts/support/labels", key: gw.viewer)
        XCTAssertEqual(labels.json["data"]?.arrayValue?[0]["version"], 1)

        let versions = try await gw.get("/api/prompts/support/versions", key: gw.viewer)
        XCTAssertEqual(versions.json["data"]?.arrayValue?.map { $0["version"] }, [1, 2])
        let diff = try await gw.get("/api/prompts/support/diff?from=1&to=2", key: gw.viewer)
        XCTAssertEqual(diff.status, 200, diff.text)
        let unified = diff.json["unified"]?.stringValue ?? ""
        XCTAssertTrue(unified.contains("--- support@1\n+++ support@2\n"), unified)
        XCTAssertTrue(unified.contains("-[system]\n-You answer for {{company}}.\n"), unified)
        XCTAssertTrue(unified.contains("+Answer: {{question}}\n"), unified)
        XCTAssertEqual(diff.json["config_changes"], [["key": "temperature", "old": 0.1, "new": 0.5]])
        let same = try await gw.get("/api/prompts/support/diff?from=2&to=2", key: gw.viewer)
        XCTAssertEqual(same.json["identical"], true)
    }

    func testBadInputIsNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let forbidden = try await gw.post("/api/prompts", Self.chatPrompt, key: gw.viewer)
        assertAPIError(forbidden, status: 403, param: nil, code: "insufficient_role", messageContains: "viewer")
        let pushes: [(JSONValue, String, String)] = [
            (["type": "text", "text": "x"], "name", "name is required"),
            (["name": "a/b", "text": "x"], "name", "contains '/'"),
            (["name": "s", "text": "x", "temperature": 1], "temperature", "Unknown field 'temperature'"),
            (["name": "s", "type": "chat"], "messages", "messages is required for a chat prompt"),
            (["name": "s", "type": "poem", "text": "x"], "type", "must be 'chat' or 'text'"),
            (["name": "s", "messages": [["role": "user", "content": "{{#each}}"]]], "messages[0].content", "sections"),
            (["name": "s", "messages": [["role": "wizard", "content": "x"]]], "messages[0].role", "must be one of"),
            (["name": "s", "text": "x", "labels": ["ok", "7"]], "labels[1]", "all digits"),
            (["name": "s", "text": "x", "labels": 3], "labels", "list of label names"),
        ]
        for (body, param, message) in pushes {
            assertAPIError(try await gw.post("/api/prompts", body, key: gw.developer), status: 400, param: param,
                           messageContains: message)
        }
        let list = try await gw.get("/api/prompts", key: gw.viewer)
        XCTAssertEqual(list.json["data"], [], "no rejected push stored anything")

        _ = try await gw.post("/api/prompts", Self.chatPrompt, key: gw.developer)
        let gets: [(String, Int, String, String)] = [
            ("/api/prompts/nope", 404, "prompt", "No prompt named 'nope'"),
            ("/api/prompts/support?label=staging", 404, "prompt", "Prompt 'support' has no label 'staging'"),
            ("/api/prompts/support?version=9", 404, "prompt", "No prompt version 'support@9'"),
            ("/api/prompts/support?version=abc", 400, "version", "must be a version number"),
            ("/api/prompts/support?label=production&version=1", 400, "version", "not both"),
            ("/api/prompts/support@1?label=production", 400, "label", "already names a version"),
            ("/api/prompts/nope/versions", 404, "name", "No prompt named 'nope'"),
            ("/api/prompts/support/diff?to=1", 400, "from", "from is required"),
            ("/api/prompts/support/diff?from=1&to=0", 400, "to", "must be a version number"),
            ("/api/prompts/support/diff?from=1&to=5", 404, "prompt", "support@5"),
            ("/api/prompts/nope/labels/history", 404, "name", "No prompt named 'nope'"),
        ]
        for (path, status, param, message) in gets {
            assertAPIError(try await gw.get(path, key: gw.viewer), status: status, param: param, messageContains: message)
        }
        let moves: [(String, JSONValue, Int, String, String)] = [
            ("production", [:], 400, "version", "version is required"),
            ("production", ["version": "2"], 400, "version", "must be an integer"),
            ("production", ["version": 9], 404, "version", "has no version 9 (latest is 1)"),
            ("7", ["version": 1], 400, "label", "all digits"),
            ("latest", ["version": 1], 400, "label", "reserved"),
        ]
        for (label, body, status, param, message) in moves {
            assertAPIError(try await gw.put("/api/prompts/support/labels/\(label)", body, key: gw.developer), status: status,
                           param: param, messageContains: message)
        }
        let viewerMove = try await gw.put("/api/prompts/support/labels/production", ["version": 1], key: gw.viewer)
        XCTAssertEqual(viewerMove.status, 403)
        let history = try await gw.get("/api/prompts/support/labels/history", key: gw.viewer)
        XCTAssertEqual(history.json["data"]?.arrayValue?.count, 1, "only the push's own label move is recorded")
        let unauthenticated = try await gw.get("/api/prompts", key: nil)
        XCTAssertEqual(unauthenticated.status, 401)
    }

    func testProjectsAreIsolated() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        _ = try await gw.post("/api/prompts", Self.chatPrompt, key: gw.developer)
        let foreign = try await gw.get("/api/prompts/support?label=production", key: gw.otherProject)
        assertAPIError(foreign, status: 404, param: "prompt", code: "prompt_not_found", messageContains: "No prompt named 'support'")
        let foreignList = try await gw.get("/api/prompts", key: gw.otherProject)
        XCTAssertEqual(foreignList.json["data"], [])
        let foreignMove = try await gw.put("/api/prompts/support/labels/production", ["version": 1], key: gw.otherProject)
        XCTAssertEqual(foreignMove.status, 404)
        let own = try await gw.post("/api/prompts", ["name": "support", "text": "beta's own"], key: gw.otherProject)
        XCTAssertEqual(own.json["version"], 1, "the same name in another project is another prompt")
        let alpha = try await gw.get("/api/prompts/support", key: gw.viewer)
        XCTAssertEqual(alpha.json["type"], "chat")
    }
}
