import Foundation
import OpsCore
@testable import OpsPostgres
import OpsTesting
import PostgresNIO
import XCTest

/// What only the Postgres store promises: its SQL, its migration lock, its column types, its errors.
final class PostgresStoreTests: XCTestCase {
    func testListQuerySQL() {
        let cursor = TraceCursor(createdAtMicros: 42, id: "abc")
        let query = TraceQuery(project: "p", from: Date(epochMicros: 1), to: Date(epochMicros: 2), model: "m",
                               status: .error, user: "u", sessionID: "s", tag: "t", limit: 10, cursor: cursor)
        let built = PostgresTraceSQL.listTraces(query, limit: 10)
        XCTAssertEqual(built.sql, """
            SELECT \(PostgresTraceSQL.traceSelectList) FROM traces WHERE project = $1 AND created_at >= $2 \
            AND created_at < $3 AND model = $4 AND status = $5 AND user_id = $6 AND session_id = $7 AND tags ? $8 \
            AND (created_at, id) < ($9, $10) ORDER BY created_at DESC, id DESC LIMIT $11
            """)
        XCTAssertEqual(built.binds.count, 11)
        XCTAssertTrue(PostgresTraceSQL.traceSelectList.contains("tags::text, metadata::text, input::text, output::text"))
    }

    func testPromptFilterSQL() {
        var query = TraceQuery(project: "p")
        query.promptName = "support"
        query.promptVersion = 3
        let built = PostgresTraceSQL.listTraces(query, limit: 10)
        XCTAssertEqual(built.sql, """
            SELECT \(PostgresTraceSQL.traceSelectList) FROM traces WHERE project = $1 AND metadata->>'prompt_name' = $2 \
            AND metadata->>'prompt_version' = $3 ORDER BY created_at DESC, id DESC LIMIT $4
            """)
        XCTAssertEqual(built.binds.count, 4)
    }

    func testMultiRowInsertSQL() {
        let sql = PostgresTraceSQL.insert(into: "t", columns: [("a", ""), ("b", "::jsonb")], rows: 2)
        XCTAssertEqual(sql, "INSERT INTO t (a, b) VALUES ($1, $2::jsonb), ($3, $4::jsonb)")
        XCTAssertLessThanOrEqual(PostgresTraceSQL.rowsPerStatement * PostgresTraceSQL.traceColumns.count, 65_535)
    }

    func testNULIsReplacedForText() {
        XCTAssertEqual(PostgresText.clean("a\u{0}b"), "a\u{FFFD}b")
        XCTAssertEqual(PostgresText.json(["k\u{0}": ["x\u{0}"]]), "{\"k\u{FFFD}\":[\"x\u{FFFD}\"]}")
        XCTAssertEqual(PostgresText.json(["k": "\\u0000"]), "{\"k\":\"\\\\u0000\"}", "a literal backslash-u stays")
    }

    func testReplicasMigratingAtOnceApplyEachVersionOnce() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let stores = try (0..<4).map { _ in try PostgresStore(url: url, logger: PostgresTestDatabase.logger) }
        let results = try await withThrowingTaskGroup(of: [Int].self) { group in
            for store in stores { group.addTask { try await store.migrate() } }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        XCTAssertEqual(results.flatMap { $0 }.sorted(), [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 15, 16, 17, 18, 19], "each version applied by exactly one replica")
        let ledger = try await stores[0].client.query("SELECT version FROM schema_migrations ORDER BY version")
            .decode(Int.self).reduce(into: [Int]()) { $0.append($1) }
        XCTAssertEqual(ledger, [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 15, 16, 17, 18, 19])
        await PostgresTestDatabase.drop(schema, using: stores[0])
        for store in stores { try await store.close() }
    }

    /// A database whose ledger ends at v10 without v6 and v7 (made before scores and queues) gains
    /// them on the next migrate.
    func testAnOlderDatabaseGainsScoresAndQueues() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        try await store.migrate()
        for statement in ["DROP TABLE annotation_queue_items", "DROP TABLE annotation_queues", "DROP TABLE scores",
                          "DROP TABLE score_definitions", "DELETE FROM schema_migrations WHERE version IN (6, 7)"] {
            try await store.client.query(PostgresQuery(unsafeSQL: statement))
        }
        let applied = try await store.migrate()
        XCTAssertEqual(applied, [6, 7])
        try await store.createScoreDefinition(ScoreDefinition(project: "alpha", name: "ok", rule: .boolean, author: "k",
                                                              createdAt: Date()))
        let definitions = try await store.scoreDefinitions(project: "alpha")
        XCTAssertEqual(definitions.map(\.name), ["ok"])
        await PostgresTestDatabase.drop(schema, using: store)
        try await store.close()
    }

    /// v11: a generation is keyed by its trace and position; no index on the random span id.
    func testGenerationsAreKeyedByTraceAndPosition() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        try await store.migrate()
        let indexes = try await store.client.query("""
            SELECT indexdef FROM pg_indexes WHERE schemaname = \(schema) AND tablename = 'generations' ORDER BY 1
            """).decode(String.self).reduce(into: [String]()) { $0.append($1) }
        XCTAssertEqual(indexes.count, 1, "\(indexes)")
        XCTAssertTrue(indexes.first.map { $0.contains("UNIQUE") && $0.contains("(trace_id, ") && $0.contains("position") } ?? false,
                      "\(indexes)")
        let trace = StoreFixtures.fullTrace(id: "pk-check", at: 1)
        try await store.insertTraces([trace])
        let read = try await store.trace(id: "pk-check", project: trace.project)
        XCTAssertEqual(read?.generations.map(\.id), trace.generations.map(\.id))
        await PostgresTestDatabase.drop(schema, using: store)
        try await store.close()
    }

    func testJSONColumnsAreJSONB() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        try await store.migrate()
        let rows = try await store.client.query("""
            SELECT c.table_name || '.' || c.column_name FROM information_schema.columns c \
            JOIN pg_catalog.pg_namespace n ON n.nspname = c.table_schema \
            JOIN pg_catalog.pg_class k ON k.relname = c.table_name AND k.relnamespace = n.oid \
            WHERE c.table_schema = \(schema) AND c.data_type = 'jsonb' AND NOT k.relispartition ORDER BY 1
            """).decode(String.self).reduce(into: [String]()) { $0.append($1) }
        XCTAssertEqual(rows, ["generations.parameters", "traces.input", "traces.metadata", "traces.output", "traces.tags"])
        await PostgresTestDatabase.drop(schema, using: store)
        try await store.close()
    }

    func testBatchLargerThanOneStatement() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        try await store.migrate()
        let traces = (0..<2_500).map { StoreFixtures.fullTrace(id: String(format: "big-%05d", $0), at: Double($0)) }
        let start = ContinuousClock.now
        try await store.insertTraces(traces)
        print("PostgresStore: 2,500 traces + 5,000 generations in one batch took \(ContinuousClock.now - start) (debug build)")
        let count = try await store.client.query("SELECT COUNT(*)::bigint FROM generations").decode(Int.self)
            .reduce(0) { $0 + $1 }
        XCTAssertEqual(count, 5_000)
        let read = try await store.trace(id: "big-01234", project: "alpha")
        XCTAssertEqual(read, traces[1234])
        await PostgresTestDatabase.drop(schema, using: store)
        try await store.close()
    }

    func testDuplicateIDIsAReadableConstraintError() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let store = try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
        try await store.migrate()
        let trace = StoreFixtures.bareTrace(id: "dup")
        try await store.insertTraces([trace])
        do {
            try await store.insertTraces([trace])
            XCTFail("expected a constraint error")
        } catch let error as PostgresStoreError {
            XCTAssertEqual(error.kind, .constraint)
            XCTAssertEqual(error.sqlState, "23505")
            XCTAssertTrue(error.message.contains("duplicate key value violates unique constraint"), error.message)
        }
        await PostgresTestDatabase.drop(schema, using: store)
        try await store.close()
    }

    func testUnreachableServerIsUnavailable() async throws {
        _ = try PostgresTestDatabase.baseURL()
        let store = try PostgresStore(url: "postgres://u:p@127.0.0.1:1/db?sslmode=disable",
                                      logger: PostgresTestDatabase.logger, connectTimeout: .milliseconds(500))
        let start = ContinuousClock.now
        do {
            try await store.ping()
            XCTFail("ping of a closed port succeeded")
        } catch let error as PostgresStoreError {
            XCTAssertEqual(error.kind, .unavailable, error.message)
            XCTAssertEqual(error.opsError.kind, .unavailable)
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(5))
        try await store.close()
    }

    func testWrongPasswordIsUnavailableWithTheServersReason() async throws {
        let base = try PostgresURL(PostgresTestDatabase.baseURL())
        var wrong = base
        wrong.password = "definitely-not-the-password"
        let store = PostgresStore(url: wrong, logger: PostgresTestDatabase.logger, connectTimeout: .seconds(1))
        do {
            try await store.ping()
            XCTFail("ping with a wrong password succeeded")
        } catch let error as PostgresStoreError {
            XCTAssertEqual(error.kind, .unavailable, error.message)
            XCTAssertTrue(error.message.contains("password authentication failed"), error.message)
        }
        try await store.close()
    }
    /// Two replicas (two stores, two connection pools) serving reviewers of one queue at once: the
    /// `FOR UPDATE SKIP LOCKED` lease hands every item to exactly one reviewer.
    func testReplicasNeverLeaseTheSameQueueItemTwice() async throws {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        let replicas = try (0..<2).map { _ in try PostgresStore(url: url, logger: PostgresTestDatabase.logger) }
        try await replicas[0].migrate()
        let now = Date()
        let count = 60
        let queue = AnnotationQueue(id: "queue_pg", project: "alpha", name: "load", scoreNames: ["ok"], itemCount: count,
                                    author: "key_1", createdAt: now)
        try await replicas[0].createQueue(queue, targets: (0..<count).map { .trace("t-\($0)") })
        let leased = try await withThrowingTaskGroup(of: [Int].self) { group in
            for reviewer in 0..<12 {
                let store = replicas[reviewer % 2]
                group.addTask {
                    var mine: [Int] = []
                    while let item = try await store.leaseNextItem(queueID: "queue_pg", project: "alpha", reviewer: "key_\(reviewer)",
                                                                     at: now) {
                        _ = try await store.skipItem(queueID: "queue_pg", project: "alpha", position: item.position,
                                                     reviewer: "key_\(reviewer)", at: now)
                        mine.append(item.position)
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [[Int]]()) { $0.append($1) }
        }
        XCTAssertEqual(leased.flatMap { $0 }.sorted(), Array(0..<count), "every item went to exactly one reviewer")
        let progress = try await replicas[1].queueProgress(id: "queue_pg", project: "alpha", at: now)
        XCTAssertEqual(progress?.skipped, count)
        await PostgresTestDatabase.drop(schema, using: replicas[0])
        for store in replicas { try await store.close() }
    }
}
