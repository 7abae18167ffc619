import Foundation
import GRDB
import OpsCore
@testable import OpsSQLite
import OpsTesting
import XCTest

/// What only the SQLite store promises: its pragmas, its SQL, its errors.
final class SQLiteStoreTests: XCTestCase {
    private var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-sqlite-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func makeStore() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: directory.appendingPathComponent("data/llmops.sqlite").path)
        try await store.migrate()
        return store
    }

    /// Every released migration's SQL by name, for databases as older releases left them.
    private static let releasedMigrations: [String: String] = [
        "v1": SQLiteMigrations.v1ProjectsAndKeys, "v2": SQLiteMigrations.v2TracesAndGenerations,
        "v3": SQLiteMigrations.v3Prompts, "v4": SQLiteMigrations.v4Datasets, "v5": SQLiteMigrations.v5Experiments,
        "v6": SQLiteMigrations.v6Scores, "v7": SQLiteMigrations.v7AnnotationQueues, "v8": SQLiteMigrations.v8ScoreReasons,
        "v10": SQLiteMigrations.v10LimitsAndRoutes, "v11": SQLiteMigrations.v11GenerationsKeyedByTrace,
        "v12": SQLiteMigrations.v12TracesKeyedByID,
    ]

    /// A store on a database made by the named earlier migrations only, in the order given.
    private func olderStore(file: String, migrations names: [String]) throws -> SQLiteStore {
        let path = directory.appendingPathComponent(file).path
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: path)
        var old = DatabaseMigrator()
        for name in names {
            let sql = try XCTUnwrap(Self.releasedMigrations[name], "no released migration \(name)")
            old.registerMigration(name) { db in try db.execute(sql: sql) }
        }
        try old.migrate(pool)
        try pool.close()
        return try SQLiteStore(path: path)
    }

    func testOpensInWALModeWithNormalSynchronousAndBusyTimeout() async throws {
        let store = try await makeStore()
        let journal = try await store.journalMode()
        XCTAssertEqual(journal, "wal")
        let synchronous = try await store.pool.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        XCTAssertEqual(synchronous, 1, "1 is NORMAL")
        let timeout = try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA busy_timeout") } ?? 0
        XCTAssertGreaterThanOrEqual(timeout, 5000, "the writer waits for a busy database instead of failing")
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.path), "the parent directory was created")
        try await store.close()
    }

    /// The recorder's writer-thread path: the same transaction as `insertTraces`, all or nothing,
    /// with the store's error naming the operation.
    func testBlockingInsertIsOneTransaction() async throws {
        let store = try await makeStore()
        let batch = (1...3).map { StoreFixtures.trace(id: "blocking-\($0)", at: Double($0)) }
        try store.insertTracesBlocking(batch)
        let stored = try await store.trace(id: "blocking-2", project: "alpha")
        XCTAssertEqual(stored?.generations.count, batch[1].generations.count)
        let fresh = StoreFixtures.trace(id: "blocking-fresh", at: 9)
        XCTAssertThrowsError(try store.insertTracesBlocking([fresh, batch[0]])) { error in
            XCTAssertTrue("\(error)".contains("insert of 2 traces"), "\(error)")
        }
        let missing = try await store.trace(id: "blocking-fresh", project: "alpha")
        XCTAssertNil(missing, "a failed batch leaves nothing behind")
        try store.insertTracesBlocking([])
        try await store.close()
    }

    /// A database made before scores and queues existed (v1–v5 and v10 applied) gains v6 and v7 on
    /// the next migrate, though their numbers are lower than one already applied, and keeps its data.
    func testAnOlderDatabaseGainsScoresAndQueues() async throws {
        let store = try olderStore(file: "old.sqlite", migrations: ["v1", "v2", "v3", "v4", "v5", "v10"])
        try await store.insertTraces([StoreFixtures.trace(id: "kept", at: 1)])
        let applied = try await store.migrate()
        XCTAssertEqual(applied, [6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 19])
        try await store.insertScores([Score(project: "alpha", target: .trace("kept"), name: "thumbs", value: .boolean(true),
                                            source: .api, author: "k", createdAt: StoreFixtures.date(secondsAfterEpoch: 2))])
        let scores = try await store.scores(project: "alpha", target: .trace("kept"))
        XCTAssertEqual(scores.count, 1)
        let trace = try await store.trace(id: "kept", project: "alpha")
        XCTAssertNotNil(trace, "the data from before is still there")
        try await store.close()
    }

    func testMigrationsAreNumberedAndRecorded() async throws {
        let store = try SQLiteStore(path: directory.appendingPathComponent("m.sqlite").path)
        let applied = try await store.migrate()
        XCTAssertEqual(applied, [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
        let recorded = try await store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        XCTAssertEqual(recorded, ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v10", "v11", "v12", "v13", "v14",
                                  "v15", "v16", "v17", "v18", "v19"])
        let tables = try await store.pool.read {
            try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
        }
        XCTAssertEqual(tables, ["annotation_queue_items", "annotation_queues", "api_keys", "audit_head", "audit_log", "console_sessions",
                                "dataset_items", "dataset_versions",
                                "experiment_items", "experiment_runs", "generations", "limit_states", "projects", "prompt_label_moves",
                                "prompt_labels", "prompt_versions", "prompts", "route_changes", "score_definitions", "scores",
                                "secrets", "sqlite_sequence", "trace_journal_position", "traces"])
        let reopened = try SQLiteStore(path: store.path)
        let again = try await reopened.migrate()
        XCTAssertEqual(again, [], "a second process opening the same file applies nothing")
    }

    /// The writer leaves checkpoints to `checkpoint()` (a connection of its own) up to a backstop;
    /// a checkpoint copies every committed page while the store keeps accepting writes.
    func testCheckpointsRunFromTheirOwnConnection() async throws {
        let store = try SQLiteStore(path: directory.appendingPathComponent("wal.sqlite").path)
        try await store.migrate()
        let autocheckpoint = try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") }
        XCTAssertEqual(autocheckpoint, SQLiteStore.writerCheckpointPages)
        try await store.insertTraces((0..<200).map { StoreFixtures.fullTrace(id: "wal-\($0)", at: Double($0)) })
        let first = try await store.checkpoint()
        XCTAssertGreaterThan(first.walPages, 0, "the commits are in the WAL")
        XCTAssertEqual(first.checkpointedPages, first.walPages, "with no reader in the way every page is copied")
        async let writes: Void = store.insertTraces((200..<400).map { StoreFixtures.fullTrace(id: "wal-\($0)", at: Double($0)) })
        async let again = store.checkpoint()
        _ = try await (writes, again)
        let page = try await store.listTraces(TraceQuery(project: "alpha", limit: 1000))
        XCTAssertEqual(page.traces.count, 400)
        try await store.close()
    }

    /// A database from before v11 keeps every generation, in order, once they are keyed by
    /// (trace_id, position); the span-id index and the separate trace index are gone.
    /// v12 rebuilds traces keyed by id WITHOUT ROWID with fewer indexes, keeping every trace.
    func testV12KeepsTracesAndLeavesFewerIndexes() async throws {
        let store = try olderStore(file: "v11.sqlite", migrations: ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v10", "v11"])
        let full = StoreFixtures.fullTrace(id: "before-v12", at: 1)
        let bare = StoreFixtures.trace(id: "bare-before-v12", at: 2)
        try await store.insertTraces([full, bare])
        let applied = try await store.migrate()
        XCTAssertEqual(applied, [12, 13, 14, 15, 16, 17, 18, 19])
        let keptFull = try await store.trace(id: full.id, project: full.project)
        XCTAssertEqual(keptFull, full, "every field and generation survives the rebuild")
        let keptBare = try await store.trace(id: bare.id, project: bare.project)
        XCTAssertEqual(keptBare, bare)
        let (indexes, withoutRowID, violations) = try await store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'traces' ORDER BY name"),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'traces'")?.contains("WITHOUT ROWID") ?? false,
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count)
        }
        XCTAssertEqual(indexes, ["traces_project_created", "traces_project_session", "traces_project_user"])
        XCTAssertTrue(withoutRowID)
        XCTAssertEqual(violations, 0, "generations still point at their traces")
        let page = try await store.listTraces(TraceQuery(project: full.project))
        XCTAssertEqual(page.traces.map(\.id), [bare.id, full.id], "newest first, as before")
        try await store.close()
    }

    /// v13 turns the project-time index ascending: new traces append at its end, and newest-first
    /// listing (with a keyset cursor) still walks it, backwards, with no sort step and in the same order.
    func testV13MakesTheTimeIndexAscendingAndListsTheSame() async throws {
        let store = try olderStore(file: "v12.sqlite", migrations: ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v10", "v11", "v12"])
        let early = (0..<5).map { StoreFixtures.trace(id: "early-\($0)", at: Double($0)) }
        try await store.insertTraces(early)
        let applied = try await store.migrate()
        XCTAssertEqual(applied, [13, 14, 15, 16, 17, 18, 19])
        let late = (5..<8).map { StoreFixtures.trace(id: "late-\($0)", at: Double($0)) }
        try await store.insertTraces(late)
        let definition = try await store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'traces_project_created'")
        }
        XCTAssertEqual(definition, "CREATE INDEX traces_project_created ON traces(project, created_at, id)")
        let first = try await store.listTraces(TraceQuery(project: "alpha", limit: 3))
        XCTAssertEqual(first.traces.map(\.id), ["late-7", "late-6", "late-5"], "newest first across the migration")
        let cursor = try XCTUnwrap(first.nextCursor)
        let second = try await store.listTraces(TraceQuery(project: "alpha", limit: 3, cursor: cursor))
        XCTAssertEqual(second.traces.map(\.id), ["early-4", "early-3", "early-2"])
        try await store.close()
    }

    func testV11KeysGenerationsByTraceAndPosition() async throws {
        let store = try olderStore(file: "v10.sqlite", migrations: ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v10"])
        let before = StoreFixtures.fullTrace(id: "before-v11", at: 1)
        XCTAssertGreaterThanOrEqual(before.generations.count, 2, "the fixture has generations to keep")
        try await store.insertTraces([before])
        let applied = try await store.migrate()
        XCTAssertEqual(applied, [11, 12, 13, 14, 15, 16, 17, 18, 19])
        let kept = try await store.trace(id: "before-v11", project: before.project)
        XCTAssertEqual(kept?.generations.map(\.id), before.generations.map(\.id))
        XCTAssertEqual(kept?.generations.map(\.model), before.generations.map(\.model))
        let (key, indexes, withoutRowID) = try await store.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('generations') WHERE pk > 0 ORDER BY pk"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'generations'"),
             try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'generations'")?.contains("WITHOUT ROWID") ?? false)
        }
        XCTAssertEqual(key, ["trace_id", "position"])
        XCTAssertEqual(indexes, [], "the rows live in the key's B-tree; no other index")
        XCTAssertTrue(withoutRowID)
        var twin = StoreFixtures.fullTrace(id: "after-v11", at: 2)
        try await store.insertTraces([twin])
        twin.id = "after-v11-again"
        twin.generations = twin.generations.map { var g = $0; g.traceID = "after-v11-again"; return g }
        try await store.insertTraces([twin])
        let both = try await store.listTraces(TraceQuery(project: before.project))
        XCTAssertEqual(Set(both.traces.map(\.id)), ["before-v11", "after-v11", "after-v11-again"],
                       "generations with the same span ids in other traces are stored")
        try await store.close()
    }

    /// A database made before v8 (items without `score_reasons`, v10 already applied) gets the
    /// column on its next start, and its stored items read back with no reasons.
    func testV8UpgradesADatabaseThatHasV10() async throws {
        let path = directory.appendingPathComponent("old.sqlite").path
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        try await store.pool.write { db in
            try db.execute(sql: "ALTER TABLE experiment_items DROP COLUMN score_reasons")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v8'")
            try db.execute(sql: """
                INSERT INTO experiment_runs (id, project, dataset, dataset_version, item_count, plan, status, author, created_at) \
                VALUES ('run_old', 'p', 'd', 'h', 1, '{}', 'running', 'k', 0);
                INSERT INTO experiment_items (run_id, item, scores, score_errors) VALUES ('run_old', 0, '{"exact":1}', '{}')
                """)
        }
        let upgraded = try SQLiteStore(path: path)
        let applied = try await upgraded.migrate()
        XCTAssertEqual(applied, [8])
        let items = try await upgraded.items(runID: "run_old", project: "p")
        XCTAssertEqual(items.first?.scores["exact"], 1)
        XCTAssertEqual(items.first?.scoreReasons, JSONObject())
    }

    func testListQuerySQL() {
        let cursor = TraceCursor(createdAtMicros: 42, id: "abc")
        let query = TraceQuery(project: "p", from: Date(epochMicros: 1), to: Date(epochMicros: 2), model: "m",
                               status: .error, user: "u", sessionID: "s", tag: "t", limit: 10, cursor: cursor)
        let (sql, arguments) = SQLiteTraceSQL.listTraces(query, limit: 10)
        XCTAssertEqual(sql, """
            SELECT \(SQLiteTraceSQL.traceColumns) FROM traces WHERE project = ? AND created_at >= ? AND created_at < ? \
            AND model = ? AND status = ? AND user_id = ? AND session_id = ? \
            AND EXISTS (SELECT 1 FROM json_each(traces.tags) WHERE value = ?) AND (created_at, id) < (?, ?) \
            ORDER BY created_at DESC, id DESC LIMIT ?
            """)
        XCTAssertEqual(arguments, ["p", 1, 2, "m", "error", "u", "s", "t", 42, "abc", 11])
        let plain = SQLiteTraceSQL.listTraces(TraceQuery(project: "p"), limit: 50)
        XCTAssertEqual(plain.sql, "SELECT \(SQLiteTraceSQL.traceColumns) FROM traces WHERE project = ? "
            + "ORDER BY created_at DESC, id DESC LIMIT ?")
    }

    func testPromptFilterSQL() {
        var query = TraceQuery(project: "p")
        query.promptName = "support"
        query.promptVersion = 3
        let (sql, arguments) = SQLiteTraceSQL.listTraces(query, limit: 10)
        XCTAssertEqual(sql, """
            SELECT \(SQLiteTraceSQL.traceColumns) FROM traces WHERE project = ? \
            AND json_extract(metadata, '$.prompt_name') = ? AND json_extract(metadata, '$.prompt_version') = ? \
            ORDER BY created_at DESC, id DESC LIMIT ?
            """)
        XCTAssertEqual(arguments, ["p", "support", 3, 11])
    }

    func testListQueryUsesTheProjectTimeIndex() async throws {
        let store = try await makeStore()
        let (sql, arguments) = SQLiteTraceSQL.listTraces(
            TraceQuery(project: "p", cursor: TraceCursor(createdAtMicros: 5, id: "x")), limit: 50)
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
        XCTAssertTrue(plan.contains { $0.contains("traces_project_created") }, "plan: \(plan)")
        XCTAssertFalse(plan.contains { $0.contains("TEMP B-TREE") }, "no sort step: \(plan)")
    }

    /// The user and session indexes hold only traces that have one (v12) and still serve equality
    /// filters: `INDEXED BY` fails to prepare when the named index cannot be used.
    func testUserAndSessionIndexesArePartialAndServeTheirFilters() async throws {
        let store = try await makeStore()
        let full = StoreFixtures.fullTrace(id: "with-user", at: 1)
        try await store.insertTraces([full, StoreFixtures.trace(id: "bare", at: 2)])
        for (index, column, value) in [("traces_project_user", "user_id", full.user), ("traces_project_session", "session_id", full.sessionID)] {
            let definition = try await store.pool.read { db in
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [index])
            }
            XCTAssertTrue(definition?.contains("WHERE \(column) IS NOT NULL") == true, definition ?? "no \(index)")
            let found = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT id FROM traces INDEXED BY \(index) WHERE project = ? AND \(column) = ?",
                                    arguments: [full.project, value])
            }
            XCTAssertEqual(found, ["with-user"], "\(index) serves `\(column) = ?`")
        }
        var byUser = TraceQuery(project: full.project)
        byUser.user = full.user
        let filtered = try await store.listTraces(byUser)
        XCTAssertEqual(filtered.traces.map(\.id), ["with-user"])
    }

    /// The inserts bind columns one by one, so the counts are checked here against the statements.
    func testInsertBindingsMatchTheStatements() async throws {
        let store = try await makeStore()
        let trace = StoreFixtures.fullTrace()
        try await store.pool.read { db in
            var row = SQLiteInsertBinder(try db.cachedStatement(sql: SQLiteTraceSQL.insertTrace), in: db)
            SQLiteRowEncoder.bind(trace, to: &row)
            XCTAssertEqual(row.boundCount, row.parameterCount)
            var generation = SQLiteInsertBinder(try db.cachedStatement(sql: SQLiteTraceSQL.insertGeneration), in: db)
            SQLiteRowEncoder.bind(trace.generations[0], position: 0, project: "p", to: &generation)
            XCTAssertEqual(generation.boundCount, generation.parameterCount)
        }
    }

    func testCorruptJSONIsReportedWithColumnAndID() async throws {
        let store = try await makeStore()
        try await store.insertTraces([StoreFixtures.bareTrace(id: "broken")])
        try await store.pool.write { try $0.execute(sql: "UPDATE traces SET metadata = '{oops' WHERE id = 'broken'") }
        do {
            _ = try await store.trace(id: "broken", project: "alpha")
            XCTFail("expected a corrupt-data error")
        } catch let error as SQLiteStoreError {
            XCTAssertEqual(error.kind, .corruptData)
            XCTAssertTrue(error.message.contains("traces.metadata of broken is not valid JSON"), error.message)
        }
    }

    func testDuplicateIDIsAConstraintError() async throws {
        let store = try await makeStore()
        let trace = StoreFixtures.bareTrace(id: "dup")
        try await store.insertTraces([trace])
        do {
            try await store.insertTraces([trace])
            XCTFail("expected a constraint error")
        } catch let error as SQLiteStoreError {
            XCTAssertEqual(error.kind, .constraint)
            XCTAssertTrue(error.description.contains("UNIQUE constraint failed: traces.id"), error.description)
            XCTAssertEqual(error.opsError.kind, .internalError)
        }
    }

    func testUnopenablePathIsAClearError() throws {
        let file = directory.appendingPathComponent("file")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try SQLiteStore(path: file.appendingPathComponent("db.sqlite").path)) { error in
            let storeError = error as? SQLiteStoreError
            XCTAssertEqual(storeError?.kind, .cannotOpen)
            XCTAssertEqual(storeError?.opsError.kind, .unavailable)
            XCTAssertTrue("\(error)".contains(file.path), "\(error)")
        }
    }

    /// A 10,000-generation batch goes in as one transaction; the rate is printed, not asserted.
    func testBatchOfTenThousandGenerations() async throws {
        let store = try await makeStore()
        let traces = (0..<5_000).map { i in
            var trace = StoreFixtures.fullTrace(id: String(format: "bulk-%05d", i), at: Double(i) / 1000)
            trace.tags = ["bulk"]
            return trace
        }
        let start = ContinuousClock.now
        try await store.insertTraces(traces)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SQLiteStore: 5,000 traces + 10,000 generations in one batch: \(String(format: "%.0f", 10_000 / seconds)) generations/s (debug build)")
        let count = try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM generations") }
        XCTAssertEqual(count, 10_000)
        let page = try await store.listTraces(TraceQuery(project: "alpha", tag: "bulk", limit: 3))
        XCTAssertEqual(page.traces.map(\.id), ["bulk-04999", "bulk-04998", "bulk-04997"])
    }
}
