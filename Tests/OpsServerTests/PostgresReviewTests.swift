import Foundation
import OpsCore
import OpsServer
import XCTest

/// Review queues through the whole server on PostgreSQL: reviewers asking for items at the same
/// moment each get their own, and feedback works as on SQLite. Needs `LLMOPS_TEST_POSTGRES_URL`.
final class PostgresReviewTests: XCTestCase {
    private func startOnPostgres() async throws -> GatewayHarness {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            throw OpsError(.unavailable, "LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
        }
        let url = base + (base.contains("?") ? "&" : "?") + "schema=review_" + Identifier.hex(bytes: 6)
        return try await GatewayHarness.start(storageURL: url)
    }

    func testReviewersAtOnceNeverShareAnItem() async throws {
        let gw = try await startOnPostgres()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 12)
        let id = try await QueuesAPITests.queue(gw, traceIDs: traces)
        var reviewers = [gw.developer, gw.admin]
        for i in 0..<4 {
            reviewers.append(try await KeyIssuer(store: gw.server.services.store).issue(project: "alpha", role: .developer,
                                                                                          name: "reviewer-\(i)").secret)
        }
        let reviewed = try await withThrowingTaskGroup(of: [Int].self) { group in
            for key in reviewers {
                group.addTask {
                    var mine: [Int] = []
                    while true {
                        let next = try await gw.post("/api/queues/\(id)/next", [:], key: key)
                        if next.status == 204 { return mine }
                        XCTAssertEqual(next.status, 200, next.text)
                        guard let item = next.json["item"]?.intValue else { return mine }
                        let done = try await gw.post("/api/queues/\(id)/items/\(item)/complete", QueuesAPITests.goodReview, key: key)
                        XCTAssertEqual(done.status, 200, "no other reviewer held item \(item): \(done.text)")
                        mine.append(item)
                    }
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        XCTAssertEqual(reviewed.flatMap { $0 }.sorted(), Array(0..<12), "every item reviewed exactly once")
        let queue = try await gw.get("/api/queues/\(id)", key: gw.viewer)
        XCTAssertEqual(queue.json["progress"]?["completed"], 12)
        for trace in traces.prefix(2) {
            let scores = try await gw.get("/api/scores?trace_id=\(trace)", key: gw.viewer)
            XCTAssertEqual(scores.json["data"]?.arrayValue?.count, 2, "one review (two scores) per trace")
        }
    }

    func testFeedbackOnPostgres() async throws {
        let gw = try await startOnPostgres()
        addTeardownBlock { await gw.stop() }
        try await ScoresAPITests.define(gw)
        let trace = try await ScoresAPITests.trace(gw)
        let reply = try await gw.post("/api/scores", ["trace_id": .string(trace), "name": "tone", "value": "rude"], key: gw.developer)
        XCTAssertEqual(reply.status, 201, reply.text)
        let duplicate = try await gw.post("/api/score-definitions", ["name": "tone", "kind": "boolean"], key: gw.developer)
        assertAPIError(duplicate, status: 409, param: "name", code: "score_definition_exists", messageContains: "already exists")
        let read = try await gw.get("/api/traces/\(trace)", key: gw.viewer)
        XCTAssertEqual(read.json["scores"]?.arrayValue?.map { $0["value"] }, ["rude"])
    }
}
