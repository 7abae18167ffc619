import Foundation
import OpsCore
@testable import OpsPostgres
import OpsTesting
import PostgresNIO
import XCTest

/// Month partitions of traces and generations (migration v18), checked with plain SQL: traces of
/// months without a partition wait in the catch-all and move to their month when it is made; a month
/// past the cutoff is dropped whole, rows counted per project; every other row stays readable.
final class PostgresTracePartitionTests: XCTestCase {
    private func partitions(_ store: PostgresStore, of table: String) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for try await name in try await store.client.query(PostgresQuery(unsafeSQL: """
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '\(table)'::regclass
            """)).decode(String.self) {
            for try await n in try await store.client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(name)")).decode(Int.self) {
                counts[name] = n
            }
        }
        return counts
    }

    func testMonthsArePreparedFilledAndDroppedWhole() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        addTeardownBlock {
            await PostgresTestDatabase.drop(schema, using: store)
            try? await store.close()
        }
        try await store.migrate()
        func trace(_ id: String, _ project: String, _ iso: String) throws -> Trace {
            var trace = StoreFixtures.trace(id: id, project: project, at: 0)
            trace.createdAt = try XCTUnwrap(ISO8601Timestamp.parse(iso))
            trace.generations[0].id = id + "-g"
            return trace
        }
        try await store.insertTraces([try trace("jan-a", "alpha", "2026-01-15T00:00:00Z"), try trace("jan-b", "beta", "2026-01-31T23:59:59Z"),
                                      try trace("feb-a", "alpha", "2026-02-01T00:00:00Z"), try trace("mar-a", "alpha", "2026-03-10T00:00:00Z")])
        let before = try await partitions(store, of: "traces")
        XCTAssertEqual(before, ["traces_default": 4], "no month has a partition yet")

        try await store.prepareTracePartitions(around: try XCTUnwrap(ISO8601Timestamp.parse("2026-03-20T00:00:00Z")))
        let traces = try await partitions(store, of: "traces")
        XCTAssertEqual(traces, ["traces_default": 0, "traces_p202601": 2, "traces_p202602": 1, "traces_p202603": 1,
                                "traces_p202604": 0, "traces_p202605": 0], "rows moved to their month; two months ahead")
        let generations = try await partitions(store, of: "generations")
        XCTAssertEqual(generations["generations_p202601"], 2, "generations go with their trace's month")
        XCTAssertEqual(generations["generations_default"], 0)
        let moved = try await store.trace(id: "jan-b", project: "beta")
        XCTAssertEqual(moved?.generations.count, 1, "a moved trace reads back whole")
        try await store.insertTraces([try trace("apr-a", "alpha", "2026-04-02T00:00:00Z")])
        let april = try await partitions(store, of: "traces")
        XCTAssertEqual(april["traces_p202604"], 1, "a new trace lands in its month")

        let early = try await store.dropTracePartitions(endingBy: try XCTUnwrap(ISO8601Timestamp.parse("2026-01-31T00:00:00Z")))
        XCTAssertEqual(early, [:], "January does not end before the cutoff")
        let dropped = try await store.dropTracePartitions(endingBy: try XCTUnwrap(ISO8601Timestamp.parse("2026-02-15T00:00:00Z")))
        XCTAssertEqual(dropped, ["alpha": ["traces": 1, "generations": 1], "beta": ["traces": 1, "generations": 1]])
        let after = try await partitions(store, of: "traces")
        XCTAssertNil(after["traces_p202601"], "January is gone whole")
        let generationsAfter = try await partitions(store, of: "generations")
        XCTAssertNil(generationsAfter["generations_p202601"])
        for (id, project) in [("jan-a", "alpha"), ("jan-b", "beta")] {
            let gone = try await store.trace(id: id, project: project)
            XCTAssertNil(gone)
        }
        let kept = try await store.trace(id: "feb-a", project: "alpha")
        XCTAssertEqual(kept?.generations.count, 1, "February stays, with its generation")
    }
}
