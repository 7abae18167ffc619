import Foundation
import OpsCore
import OpsTelemetry
import Synchronization
import XCTest

/// A trace store that counts batches and can be made slow, failing or stuck.
final class ScriptedTraceStore: TraceStore, Sendable {
    enum Mode: Sendable { case normal, failing, hanging }
    private let state = Mutex<(mode: Mode, delayMs: Int, batches: [[Trace]])>((.normal, 0, []))

    func set(_ mode: Mode, delayMs: Int = 0) { state.withLock { $0.mode = mode; $0.delayMs = delayMs } }
    var batches: [[Trace]] { state.withLock { $0.batches } }
    var stored: Int { batches.reduce(0) { $0 + $1.count } }

    func insertTraces(_ traces: [Trace]) async throws {
        let (mode, delay) = state.withLock { ($0.mode, $0.delayMs) }
        if delay > 0 { try await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000) }
        switch mode {
        case .normal: state.withLock { $0.batches.append(traces) }
        case .failing: throw OpsError(.unavailable, "disk on fire")
        case .hanging: try await Task.sleep(nanoseconds: 60_000_000_000)
        }
    }
    func trace(id: String, project: String) async throws -> Trace? { nil }
    func listTraces(_ query: TraceQuery) async throws -> TracePage { TracePage(traces: [], nextCursor: nil) }
    func tracePoints(project: String, from: Date, to: Date, limit: Int) async throws -> [TracePoint] { [] }
}

final class TraceRecorderTests: XCTestCase {
    func testStrictReturnsAfterCommitAndGroupsConcurrentTraces() async throws {
        let store = ScriptedTraceStore()
        store.set(.normal, delayMs: 20)
        let metrics = GatewayMetrics()
        let recorder = TraceRecorder(store: store, durability: .strict, metrics: metrics)
        let runner = Task { try await recorder.run() }
        let results = await recorder.recordConcurrently(200)
        XCTAssertEqual(results.filter { $0 }.count, 200)
        XCTAssertEqual(store.stored, 200, "every acknowledged trace is stored")
        XCTAssertLessThan(store.batches.count, 50, "commits are grouped (\(store.batches.count) batches for 200 traces)")
        recorder.shutdown()
        try await runner.value
    }

    func testFastModeDropsWhenFullAndCounts() async throws {
        let store = ScriptedTraceStore()
        store.set(.normal, delayMs: 200)
        let metrics = GatewayMetrics()
        let recorder = TraceRecorder(store: store, durability: .fast, capacity: 5, metrics: metrics)
        let runner = Task { try await recorder.run() }
        var accepted = 0
        for i in 0..<50 where await recorder.record(sampleTrace(i)) { accepted += 1 }
        XCTAssertLessThan(accepted, 50)
        XCTAssertEqual(recorder.droppedCount, 50 - accepted)
        XCTAssertTrue(String(decoding: metrics.render(), as: UTF8.self).contains("llmops_traces_dropped_total \(50 - accepted)"))
        recorder.shutdown()
        try await runner.value
        XCTAssertEqual(store.stored, accepted, "shutdown flushed everything accepted")
    }

    func testFastModeLetsTracesGatherBetweenCommits() async throws {
        let store = ScriptedTraceStore()
        let recorder = TraceRecorder(store: store, durability: .fast, fastLinger: .milliseconds(300))
        let runner = Task { try await recorder.run() }
        let first = await recorder.record(sampleTrace(0))
        XCTAssertTrue(first)
        while store.batches.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        for i in 1...99 {
            let accepted = await recorder.record(sampleTrace(i))
            XCTAssertTrue(accepted)
        }
        while store.stored < 100 { try await Task.sleep(for: .milliseconds(5)) }
        XCTAssertEqual(store.batches.map(\.count), [1, 99], "what arrived while the writer lingered is one commit")
        recorder.shutdown()
        try await runner.value
    }

    func testFailingStoreIsReportedNotHidden() async throws {
        let store = ScriptedTraceStore()
        store.set(.hanging)
        let recorder = TraceRecorder(store: store, durability: .strict, writeTimeout: .milliseconds(50))
        let runner = Task { try await recorder.run() }
        let stored = await recorder.record(sampleTrace(1))
        XCTAssertFalse(stored, "strict mode tells the caller the trace was not stored")
        XCTAssertEqual(recorder.droppedCount, 1)
        store.set(.normal)
        let next = await recorder.record(sampleTrace(2))
        XCTAssertTrue(next, "the writer recovers once the store does")
        recorder.shutdown()
        try await runner.value
    }
}
