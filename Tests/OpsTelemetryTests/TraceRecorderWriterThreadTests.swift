import Foundation
import OpsCore
import OpsTelemetry
import Synchronization
import XCTest

/// The recorder over a store that commits on the calling thread: one writer thread of its own,
/// lone strict calls committing inline, callers resumed on their home, failures reported,
/// shutdown drains.
final class TraceRecorderWriterThreadTests: XCTestCase {
    /// Counts resumptions that went through the caller's home.
    private final class CountingHome: Sendable {
        let hops = Mutex(0)
        var home: ResumeHome { ResumeHome { { resume in self.hops.withLock { $0 += 1 }; resume() } } }
        var count: Int { hops.withLock { $0 } }
    }

    /// Starts the recorder and waits until its writer thread sleeps (a lone call then leads).
    private func started(_ recorder: TraceRecorder) async throws -> Task<Void, Error> {
        let runner = Task { try await recorder.run() }
        try await Task.sleep(for: .milliseconds(50))
        return runner
    }

    func testConcurrentStrictCallsShareCommitsAndAreResumedAtHome() async throws {
        let store = ScriptedBlockingTraceStore()
        store.set(failing: false, delayMs: 25)
        let home = CountingHome()
        let recorder = TraceRecorder(store: store, durability: .strict, home: home.home)
        let runner = try await started(recorder)
        let results = await recorder.recordConcurrently(200)
        XCTAssertEqual(results.filter { $0 }.count, 200)
        XCTAssertEqual(store.stored, 200, "every acknowledged trace is stored")
        XCTAssertLessThan(store.commits.count, 50, "commits are grouped (\(store.commits.count) batches for 200 traces)")
        let inline = store.commits.filter { !$0.onWriterThread }
        XCTAssertLessThanOrEqual(inline.count, 1, "the first slow inline commit pauses inline commits")
        XCTAssertTrue(inline.allSatisfy { $0.traces.count == 1 }, "an inline commit holds the leader's own trace only")
        XCTAssertEqual(home.count, 200 - inline.count, "every caller the writer thread committed for was resumed through its home")
        recorder.shutdown()
        try await runner.value
    }

    func testALoneStrictCallCommitsInlineUntilACommitIsSlow() async throws {
        let store = ScriptedBlockingTraceStore()
        let home = CountingHome()
        let recorder = TraceRecorder(store: store, durability: .strict, home: home.home)
        let runner = try await started(recorder)
        for i in 0..<3 {
            let stored = await recorder.record(sampleTrace(i))
            XCTAssertTrue(stored)
        }
        XCTAssertEqual(store.commits.map(\.onWriterThread), [false, false, false], "one call at a time commits on its own thread")
        XCTAssertEqual(home.count, 0, "nobody waited, so nobody was resumed")
        store.set(failing: false, delayMs: 30)
        let slow = await recorder.record(sampleTrace(3))
        XCTAssertTrue(slow)
        store.set(failing: false)
        let after = await recorder.record(sampleTrace(4))
        XCTAssertTrue(after)
        XCTAssertEqual(store.commits.map(\.onWriterThread), [false, false, false, false, true],
                       "after a slow inline commit the writer thread commits")
        XCTAssertEqual(home.count, 1)
        recorder.shutdown()
        try await runner.value
    }

    func testFailingStoreIsReportedAndTheWriterRecovers() async throws {
        let store = ScriptedBlockingTraceStore()
        store.set(failing: true)
        let recorder = TraceRecorder(store: store, durability: .strict)
        let runner = try await started(recorder)
        let stored = await recorder.record(sampleTrace(1))
        XCTAssertFalse(stored, "strict mode tells the caller the trace was not stored")
        XCTAssertEqual(recorder.droppedCount, 1)
        store.set(failing: false)
        let next = await recorder.record(sampleTrace(2))
        XCTAssertTrue(next, "the writer recovers once the store does")
        XCTAssertEqual(store.failedAttemptsOnWriterThread, [false, true, true, true, true, true],
                       "one inline attempt, then the writer thread's five with backoff")
        XCTAssertEqual(store.stored, 1)
        recorder.shutdown()
        try await runner.value
    }

    func testFastModeGathersAndShutdownFlushesEverythingAccepted() async throws {
        let store = ScriptedBlockingTraceStore()
        let recorder = TraceRecorder(store: store, durability: .fast, fastLinger: .milliseconds(300))
        let runner = try await started(recorder)
        let first = await recorder.record(sampleTrace(0))
        XCTAssertTrue(first)
        while store.batches.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        for i in 1...99 {
            let accepted = await recorder.record(sampleTrace(i))
            XCTAssertTrue(accepted)
        }
        recorder.shutdown()
        try await runner.value
        XCTAssertEqual(store.batches.map(\.count), [1, 99], "what arrived while the writer lingered is one commit, flushed at shutdown")
        XCTAssertTrue(store.commits.allSatisfy(\.onWriterThread), "fast mode never commits on the caller's thread")
        let late = await recorder.record(sampleTrace(100))
        XCTAssertFalse(late, "a closed recorder refuses traces rather than losing them silently")
        XCTAssertEqual(recorder.droppedCount, 1)
    }
}
