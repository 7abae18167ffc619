import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// `GET /api/users/{user}/export` and `DELETE /api/users/{user}` through the real server, on SQLite
/// and PostgreSQL: data planted for end users U and V in every table (traces with generations, scores,
/// a queue, datasets made from traces, exact-cache entries); U's export holds all of U's and none of
/// V's; after U's erasure nothing of U is found through the store, the API or the cache, and V is whole.
final class EndUserAPITests: XCTestCase {
    static let u = "user ü/1", v = "user-v"
    /// `u` as a path segment.
    static let uPath = "user%20%C3%BC%2F1"

    private func ask(_ r: RoutedGateway, _ text: String, user: String) async throws -> GatewayHarness.Reply {
        try await r.gw.post("/v1/chat/completions", GatewayHarness.chat(text, model: "chat", extra: [("user", .string(user))]),
                            key: r.gw.developer)
    }

    private func plantAndErase(storageURL: String? = nil) async throws {
        let r = try await RoutedGateway.start(route: { $0.cache.exactTTLSeconds = 600 }, storageURL: storageURL)
        addTeardownBlock { await r.stop() }
        let gw = r.gw, store = gw.server.services.store
        try await ScoresAPITests.define(gw)
        var uTraces: [String] = [], vTraces: [String] = []
        for text in ["my balance?", "my address?"] {
            let reply = try await ask(r, text, user: Self.u)
            XCTAssertEqual(reply.status, 200, reply.text)
            uTraces.append(try XCTUnwrap(reply.header("x-llmops-trace-id")))
        }
        let vReply = try await ask(r, "my balance?", user: Self.v)
        vTraces.append(try XCTUnwrap(vReply.header("x-llmops-trace-id")))
        for (trace, value) in [(uTraces[0], false), (vTraces[0], true)] {
            let score = try await gw.post("/api/scores", ["trace_id": .string(trace), "name": "thumbs", "value": .bool(value)],
                                          key: gw.developer)
            XCTAssertEqual(score.status, 201, score.text)
        }
        let queue = try await QueuesAPITests.queue(gw, traceIDs: [uTraces[1], vTraces[0]])
        let mixed = try await gw.post("/api/datasets/qa/traces", ["trace_ids": [.string(uTraces[0]), .string(vTraces[0])]],
                                      key: gw.developer)
        XCTAssertEqual(mixed.status, 201, mixed.text)
        let mixedHash = try XCTUnwrap(mixed.json["hash"]?.stringValue ?? mixed.json["version"]?.stringValue, mixed.text)
        let vOnly = try await gw.post("/api/datasets/v-only/traces", ["trace_ids": [.string(vTraces[0])]], key: gw.developer)
        XCTAssertEqual(vOnly.status, 201, vOnly.text)
        let exact = try XCTUnwrap(gw.server.services.routing.router.exactCache)
        XCTAssertEqual(exact.count, 3, "two answers cached for U, one for V")

        // The export: everything of U, nothing of V.
        let export = try await gw.get("/api/users/\(Self.uPath)/export", key: gw.admin)
        XCTAssertEqual(export.status, 200, export.text)
        XCTAssertEqual(export.header("content-type"), "application/jsonl")
        let lines = try export.text.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
        func of(_ type: String) -> [JSONValue] { lines.filter { $0["type"]?.stringValue == type } }
        XCTAssertEqual(lines.first?["type"], "user")
        XCTAssertEqual(lines.first?["user"]?.stringValue, Self.u)
        XCTAssertEqual(Set(of("trace").compactMap { $0["id"]?.stringValue }), Set(uTraces))
        XCTAssertTrue(of("trace").allSatisfy { $0["user"]?.stringValue == Self.u })
        XCTAssertEqual(Set(of("generation").compactMap { $0["trace_id"]?.stringValue }), Set(uTraces))
        XCTAssertEqual(of("score").map { $0["trace_id"]?.stringValue }, [uTraces[0]])
        XCTAssertEqual(of("queue_item").map { $0["trace_id"]?.stringValue }, [uTraces[1]])
        XCTAssertEqual(of("dataset_item").map { $0["metadata"]?["trace_id"]?.stringValue }, [uTraces[0]])
        XCTAssertEqual(of("dataset_item").first?["dataset"], "qa")
        XCTAssertFalse(export.text.contains(vTraces[0]), "nothing of V")

        // Bad callers and bad input change nothing.
        for key in [gw.viewer, gw.developer] {
            let refused = try await gw.send(.DELETE, "/api/users/\(Self.uPath)", key: key)
            XCTAssertEqual(refused.status, 403, refused.text)
            XCTAssertNotNil(refused.json["error"]?["message"]?.stringValue)
            let refusedExport = try await gw.get("/api/users/\(Self.uPath)/export", key: key)
            XCTAssertEqual(refusedExport.status, 403)
        }
        let foreign = try await gw.send(.DELETE, "/api/users/\(Self.uPath)", key: gw.otherProject)
        XCTAssertEqual(foreign.status, 200, foreign.text)
        XCTAssertEqual(foreign.json["deleted"]?["traces"], 0, "another project's admin erases nothing here")
        XCTAssertEqual(foreign.json["deleted"]?["cache_entries"], 0)
        // Sent byte for byte: an HTTP client library rewrites a path that is not valid UTF-8 once decoded.
        let raw = try RawClient(port: gw.port)
        raw.send("DELETE /api/users/%E0%A4 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(gw.admin)\r\nConnection: close\r\n\r\n")
        let badEncoding = try XCTUnwrap(raw.readUntilClosed(limit: 10))
        XCTAssertTrue(badEncoding.hasPrefix("HTTP/1.1 400"), badEncoding)
        XCTAssertTrue(badEncoding.contains(#""param":"user""#), badEncoding)
        XCTAssertTrue(badEncoding.contains(#""type":"invalid_request_error""#), badEncoding)
        let tooLong = try await gw.send(.DELETE, "/api/users/" + String(repeating: "x", count: 1_025), key: gw.admin)
        XCTAssertEqual(tooLong.status, 400, tooLong.text)
        XCTAssertEqual(tooLong.json["error"]?["param"], "user")
        let unknown = try await gw.send(.DELETE, "/api/users/nobody", key: gw.admin)
        XCTAssertEqual(unknown.status, 200, unknown.text)
        XCTAssertEqual(unknown.json["deleted"]?["traces"], 0)
        let stillThere = try await gw.traces(key: gw.viewer, query: "user=user-v")
        XCTAssertEqual(stillThere.count, 1)
        let notYet = try await store.trace(id: uTraces[0], project: "alpha")
        XCTAssertEqual(notYet?.user, Self.u, "nothing was erased yet")

        // The erasure.
        let erased = try await gw.send(.DELETE, "/api/users/\(Self.uPath)", key: gw.admin)
        XCTAssertEqual(erased.status, 200, erased.text)
        XCTAssertEqual(erased.json["deleted"], ["traces": 2, "generations": 2, "scores": 1, "queue_items": 1, "dataset_versions": 1,
                                                "dataset_items": 2, "cache_entries": 2])
        XCTAssertEqual(erased.json["dataset_versions_created"]?.arrayValue?.map { $0["dataset"] }, ["qa"])

        // Nothing of U: store, API, caches.
        for id in uTraces {
            let stored = try await store.trace(id: id, project: "alpha")
            XCTAssertNil(stored)
            let read = try await gw.get("/api/traces/\(id)", key: gw.viewer)
            XCTAssertEqual(read.status, 404)
            let scores = try await store.scores(project: "alpha", target: .trace(id))
            XCTAssertEqual(scores, [])
        }
        let listed = try await gw.traces(key: gw.viewer, query: "user=user%20%C3%BC%2F1")
        XCTAssertEqual(listed.count, 0)
        let queued = try await store.queueItems(project: "alpha", traceIDs: uTraces)
        XCTAssertEqual(queued, [])
        let datasets = try await store.versions(project: "alpha", dataset: "qa")
        XCTAssertFalse(datasets.contains { $0.hash == mixedHash }, "the version holding U's item is gone")
        let newest = try await store.latestVersion(project: "alpha", dataset: "qa")
        XCTAssertEqual(newest?.items.compactMap { $0.metadata["trace_id"]?.stringValue }, [vTraces[0]], "V's item stays")
        XCTAssertEqual(exact.count, 1)
        let again = try await store.eraseEndUser(project: "alpha", user: Self.u)
        XCTAssertEqual(again.values.reduce(0, +), 0, "no row of U is left in any table")
        let emptyExport = try await gw.get("/api/users/\(Self.uPath)/export", key: gw.admin)
        XCTAssertEqual(emptyExport.text.split(separator: "\n").count, 1, "only the header line")
        let uAgain = try await ask(r, "my balance?", user: Self.u)
        XCTAssertEqual(uAgain.header("x-llmops-cache"), "miss", "U's cached answer is gone")

        // V whole.
        let vTrace = try await gw.get("/api/traces/\(vTraces[0])", key: gw.viewer)
        XCTAssertEqual(vTrace.status, 200)
        XCTAssertEqual(vTrace.json["scores"]?.arrayValue?.count, 1)
        XCTAssertEqual(vTrace.json["generations"]?.arrayValue?.count, 1)
        let progress = try await gw.get("/api/queues/\(queue)", key: gw.viewer)
        XCTAssertEqual(progress.json["progress"]?["total"], 1)
        let vOnlyAfter = try await store.latestVersion(project: "alpha", dataset: "v-only")
        XCTAssertEqual(vOnlyAfter?.items.count, 1)
        let vAgain = try await ask(r, "my balance?", user: Self.v)
        XCTAssertEqual(vAgain.header("x-llmops-cache"), "hit", "V's cached answer stays")

        // Audited, without the user's identifier in clear.
        let audit = try await gw.get("/api/audit", key: gw.admin)
        let actions = audit.json["data"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
        XCTAssertTrue(actions.contains("user.erase") && actions.contains("user.export"), "\(actions)")
        XCTAssertFalse(audit.text.contains("user ü"), "the audit log names the user by a hash")
    }

    func testEraseAndExportOnSQLite() async throws {
        try await plantAndErase()
    }

    func testEraseAndExportOnPostgres() async throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            throw OpsError(.unavailable, "LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
        }
        try await plantAndErase(storageURL: base + (base.contains("?") ? "&" : "?") + "schema=users_" + Identifier.hex(bytes: 6))
    }
}
