import Foundation
import OpsCore
import XCTest

/// `GET /api/audit` and the console's `/audit`: what the API and console record, who may read it,
/// project isolation, bad parameters, and the chain the entries form.
final class AuditAPITests: XCTestCase {
    func testActionsAreRecordedAndChained() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let keys = try await gw.get("/api/keys", key: gw.admin).json["data"]?.arrayValue ?? []
        func id(named name: String) -> String? { keys.first { $0["name"]?.stringValue == name }?["id"]?.stringValue }
        let adminID = try XCTUnwrap(id(named: "admin"))
        let developerID = try XCTUnwrap(id(named: "dev"))

        let created = try await gw.post("/api/keys", ["role": "viewer", "name": "ci"], key: gw.admin)
        XCTAssertEqual(created.status, 201, created.text)
        let newID = try XCTUnwrap(created.json["id"]?.stringValue)
        let secret = try XCTUnwrap(created.json["key"]?.stringValue)
        let rotated = try await gw.post("/api/keys/\(newID)/rotate", ["grace_s": 60], key: gw.admin)
        XCTAssertEqual(rotated.status, 201, rotated.text)
        let rotatedSecret = try XCTUnwrap(rotated.json["key"]?.stringValue)
        let revoked = try await gw.send(.DELETE, "/api/keys/\(newID)", key: gw.admin)
        XCTAssertEqual(revoked.status, 200, revoked.text)
        let pushed = try await gw.post("/api/prompts", ["name": "support", "type": "text", "text": "Hi {{name}}"], key: gw.developer)
        XCTAssertEqual(pushed.status, 201, pushed.text)
        let labelled = try await gw.send(.PUT, "/api/prompts/support/labels/production", key: gw.developer,
                                         body: (["version": 1] as JSONValue).serialized())
        XCTAssertEqual(labelled.status, 200, labelled.text)
        let imported = try await gw.sendRaw(.POST, "/api/datasets/qa", key: gw.developer,
                                            body: #"{"input": {"q": "2+2?"}, "expected_output": "4"}"#, contentType: "application/jsonl")
        XCTAssertEqual(imported.status, 201, imported.text)
        let otherProject = try await gw.post("/api/keys", ["role": "viewer"], key: gw.otherProject)
        XCTAssertEqual(otherProject.status, 201)

        let reply = try await gw.get("/api/audit", key: gw.admin)
        XCTAssertEqual(reply.status, 200, reply.text)
        let entries = reply.json["data"]?.arrayValue ?? []
        XCTAssertEqual(entries.compactMap { $0["action"]?.stringValue },
                       ["dataset.import", "prompt.label", "prompt.push", "key.revoke", "key.rotate", "key.create"],
                       "newest first, only alpha's")
        XCTAssertEqual(entries.compactMap { $0["actor"]?.stringValue },
                       [developerID, developerID, developerID, adminID, adminID, adminID])
        XCTAssertEqual(entries.last?["target"]?.stringValue, newID)
        XCTAssertEqual(entries.last?["detail"]?["role"], "viewer")
        XCTAssertEqual(entries[1]["detail"]?["label"], "production")
        XCTAssertEqual(entries[0]["target"]?.stringValue, "qa")
        XCTAssertFalse(reply.text.contains(secret) || reply.text.contains(rotatedSecret), "no key secret in the audit log")
        let sequences = entries.compactMap { $0["sequence"]?.intValue }
        XCTAssertEqual(sequences, sequences.sorted(by: >))

        let beta = try await gw.get("/api/audit", key: gw.otherProject)
        XCTAssertEqual(beta.status, 200)
        XCTAssertEqual(beta.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue }, ["key.create"],
                       "another project's admin sees only its own entries")
        XCTAssertEqual(beta.json["data"]?.arrayValue?.first?["project"], "beta")

        let count = try await gw.server.services.store.verifyAuditChain()
        XCTAssertEqual(count, 7)
    }

    func testOnlyAdminsRead() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let anonymous = try await gw.get("/api/audit", key: nil)
        XCTAssertEqual(anonymous.status, 401)
        for key in [gw.viewer, gw.developer] {
            let reply = try await gw.get("/api/audit", key: key)
            XCTAssertEqual(reply.status, 403, reply.text)
            XCTAssertNotNil(reply.json["error"]?["message"]?.stringValue)
        }
        let admin = try await gw.get("/api/audit", key: gw.admin)
        XCTAssertEqual(admin.status, 200)
    }

    func testFiltersAndPaging() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        for name in ["a", "b", "c"] {
            let created = try await gw.post("/api/keys", ["role": "viewer", "name": .string(name)], key: gw.admin)
            XCTAssertEqual(created.status, 201)
        }
        let pushed = try await gw.post("/api/prompts", ["name": "p", "type": "text", "text": "x"], key: gw.developer)
        XCTAssertEqual(pushed.status, 201)

        let creates = try await gw.get("/api/audit?action=key.create", key: gw.admin)
        XCTAssertEqual(creates.json["data"]?.arrayValue?.count, 3)
        let future = try await gw.get("/api/audit?from=2100-01-01T00:00:00Z", key: gw.admin)
        XCTAssertEqual(future.json["data"]?.arrayValue?.count, 0)
        let past = try await gw.get("/api/audit?to=2000-01-01T00:00:00Z", key: gw.admin)
        XCTAssertEqual(past.json["data"]?.arrayValue?.count, 0)

        var seen: [Int] = []
        var cursor: String?
        repeat {
            let reply = try await gw.get("/api/audit?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), key: gw.admin)
            XCTAssertEqual(reply.status, 200, reply.text)
            seen += reply.json["data"]?.arrayValue?.compactMap { $0["sequence"]?.intValue } ?? []
            cursor = reply.json["next_cursor"]?.stringValue
        } while cursor != nil
        XCTAssertEqual(seen, [4, 3, 2, 1])
    }

    func testBadParametersAreNamed() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let cases = [("limit=0", "limit"), ("limit=1001", "limit"), ("limit=9223372036854775808", "limit"), ("from=1e300", "from"),
                     ("from=nan", "from"), ("to=-1e300", "to"), ("to=yesterday", "to"), ("cursor=abc", "cursor"),
                     ("cursor=-5", "cursor"), ("action=" + String(repeating: "x", count: 100), "action")]
        for (query, param) in cases {
            let reply = try await gw.get("/api/audit?\(query)", key: gw.admin)
            assertAPIError(reply, status: 400, param: param, messageContains: param)
        }
        let alive = try await gw.get("/health", key: nil)
        XCTAssertEqual(alive.status, 200)
    }

    func testConsolePageIsForAdmins() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let created = try await gw.post("/api/keys", ["role": "viewer", "name": "from-console-test"], key: gw.admin)
        XCTAssertEqual(created.status, 201)

        let page = try await gw.page("/audit", as: gw.admin)
        assertPage(page, contains: ["<h1>Audit log</h1>", "<code>key.create</code>", #"<a href="/audit" class="active">Audit</a>"#])
        let filtered = try await gw.page("/audit?action=prompt.push", as: gw.admin)
        assertPage(filtered, contains: ["No audit entries match."])
        let bad = try await gw.page("/audit?from=1e300", as: gw.admin)
        assertPage(bad, status: 400, contains: ["from must be"])
        for key in [gw.viewer, gw.developer] {
            let forbidden = try await gw.page("/audit", as: key)
            XCTAssertEqual(forbidden.status, 403)
            XCTAssertFalse(forbidden.text.contains("key.create"))
            let home = try await gw.page("/", as: key)
            XCTAssertFalse(home.text.contains(#"href="/audit""#), "no audit link for a non-admin")
        }
        let betaPage = try await gw.page("/audit", as: gw.otherProject)
        assertPage(betaPage, contains: ["<code>login</code>"])
        XCTAssertFalse(betaPage.text.contains("<code>key.create</code>"), "beta's admin sees its own sign-in, none of alpha's entries")
    }
}
