import Foundation
import GRDB
import Logging
import OpsCore
@testable import OpsSQLite
import OpsTelemetry
import XCTest

/// Strict mode with the trace journal on a real SQLite file: acknowledged traces are readable
/// after `awaitStored`, and a process that dies before applying them loses none — recovery
/// applies exactly the records the database does not have, once.
final class JournaledRecorderTests: XCTestCase {
    private var directory: URL!
    private let logger = Logger(label: "test")

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-journaled-\(UUID().uuidString)")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private var databasePath: String { directory.appendingPathComponent("llmops.sqlite").path }

    private func openStore() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: databasePath)
        try await store.migrate()
        return store
    }

    private func trace(_ i: Int) -> Trace {
        Trace(id: "tr_\(i)", project: "p", name: "chat.completions", model: "m\(i)", input: .string("hi \(i)"), createdAt: Date(),
              generations: [Generation(traceID: "tr_\(i)", model: "m\(i)", resolvedModel: "up", provider: "openai", startedAt: Date())])
    }

    private func storedIDs(_ store: SQLiteStore) async throws -> Set<String> {
        let page = try await store.listTraces(TraceQuery(project: "p", limit: 1000))
        return Set(page.traces.map(\.id))
    }

    func testAcknowledgedTracesAreReadableOnceStoredIsAwaited() async throws {
        let store = try await openStore()
        let journal = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger)).journal
        let recorder = TraceRecorder(store: store, durability: .strict, journal: journal)
        XCTAssertTrue(recorder.isJournaled)
        let runner = Task { try await recorder.run() }
        for i in 0..<50 { let ok = await recorder.record(trace(i)); XCTAssertTrue(ok) }
        await recorder.awaitStored()
        let readable = try await storedIDs(store).count
        XCTAssertEqual(readable, 50, "every trace acknowledged before the wait is readable")
        XCTAssertEqual(try store.journalApplied(), 50)
        let stored = try await store.trace(id: "tr_7", project: "p")
        XCTAssertEqual(stored?.generations.first?.resolvedModel, "up")
        recorder.shutdown()
        try await runner.value
        XCTAssertEqual(journal.segmentPaths(), [], "an orderly stop applied everything and removed the journal")
        try await store.close()
    }

    func testRecoveryAppliesWhatADeadProcessAcknowledgedExactlyOnce() async throws {
        do {
            let store = try await openStore()
            let journal = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger)).journal
            let recorder = TraceRecorder(store: store, durability: .strict, journal: journal)
            let runner = Task { try await recorder.run() }
            for i in 0..<10 { _ = await recorder.record(trace(i)) }
            await recorder.awaitStored()
            // The writer thread is stopped by hand; the next traces are journaled, never applied —
            // what a process killed right after answering leaves behind.
            recorder.shutdown()
            try await runner.value
            XCTAssertEqual(journal.segmentPaths(), [])
            try journal.start()
            let dead = TraceRecorder(store: store, durability: .strict, journal: journal)
            for i in 10..<25 { let ok = await dead.record(trace(i)); XCTAssertTrue(ok, "acknowledged once journaled") }
            let appliedBeforeTheCrash = try await storedIDs(store).count
            XCTAssertEqual(appliedBeforeTheCrash, 10)
            // A trace the user deletes after it was applied must not come back.
            try await store.pool.write { db in
                try db.execute(sql: "DELETE FROM generations WHERE trace_id = 'tr_3'")
                try db.execute(sql: "DELETE FROM traces WHERE id = 'tr_3'")
            }
            try await store.close()
        }
        let store = try await openStore()
        do {
            let outcome = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger))
            XCTAssertEqual(outcome.applied, 15)
            XCTAssertEqual(outcome.unreadable, 0)
            let recovered = try await storedIDs(store)
            XCTAssertEqual(recovered, Set((0..<25).filter { $0 != 3 }.map { "tr_\($0)" }))
            XCTAssertEqual(try store.journalApplied(), 25)
            XCTAssertEqual(outcome.journal.nextSequence, 26)
        }
        let again = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger))
        XCTAssertEqual(again.applied, 0, "recovered records are applied once")
        let afterSecondOpen = try await storedIDs(store).count
        XCTAssertEqual(afterSecondOpen, 24)
    }

    func testATornRecordIsIgnoredAndTheRestApplied() async throws {
        do {
            let store = try await openStore()
            let journal = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger)).journal
            let dead = TraceRecorder(store: store, durability: .strict, journal: journal)
            for i in 0..<3 { _ = await dead.record(trace(i)) }
            let path = try XCTUnwrap(journal.segmentPaths().first)
            let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data("LTJ1 half a frame".utf8))
            try handle.close()
            try await store.close()
        }
        let store = try await openStore()
        let outcome = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger))
        XCTAssertEqual(outcome.applied, 3)
        XCTAssertEqual(outcome.tornBytes, 17)
        let stored = try await storedIDs(store).count
        XCTAssertEqual(stored, 3)
    }

    func testASecondServerOnTheSameDatabaseCannotTakeTheJournal() async throws {
        let store = try await openStore()
        let first = try XCTUnwrap(try JournalRecovery.open(for: store, logger: logger))
        XCTAssertThrowsError(try JournalRecovery.open(for: store, logger: logger)) { error in
            guard case TraceJournalError.locked = error else { return XCTFail("\(error)") }
        }
        withExtendedLifetime(first) {}
    }
}
