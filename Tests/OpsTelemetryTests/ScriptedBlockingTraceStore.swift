import Foundation
import OpsCore
import Synchronization

/// A trace store that commits on the calling thread, as the recorder's writer thread (and strict
/// callers committing inline) call it; it can be made slow or failing, and remembers which thread
/// wrote each batch.
final class ScriptedBlockingTraceStore: BlockingTraceWriting, Sendable {
    struct Commit: Sendable { var traces: [Trace]; var onWriterThread: Bool }
    private let state = Mutex<(failing: Bool, delayMs: Int, commits: [Commit], failures: [Bool])>((false, 0, [], []))

    func set(failing: Bool, delayMs: Int = 0) { state.withLock { $0.failing = failing; $0.delayMs = delayMs } }
    var commits: [Commit] { state.withLock { $0.commits } }
    /// Each failed attempt: whether it was on the writer thread.
    var failedAttemptsOnWriterThread: [Bool] { state.withLock { $0.failures } }
    var batches: [[Trace]] { commits.map(\.traces) }
    var stored: Int { batches.reduce(0) { $0 + $1.count } }

    func insertTracesBlocking(_ traces: [Trace]) throws {
        let (failing, delay) = state.withLock { ($0.failing, $0.delayMs) }
        if delay > 0 { Thread.sleep(forTimeInterval: Double(delay) / 1000) }
        // The writer thread runs outside any task; an inline commit runs in its caller's task.
        let onWriter = withUnsafeCurrentTask { $0 == nil }
        if failing {
            state.withLock { $0.failures.append(onWriter) }
            throw OpsError(.unavailable, "disk on fire")
        }
        state.withLock { $0.commits.append(Commit(traces: traces, onWriterThread: onWriter)) }
    }
    func insertTraces(_ traces: [Trace]) async throws {
        throw OpsError(.internalError, "the recorder must use the blocking path for this store")
    }
    func trace(id: String, project: String) async throws -> Trace? { nil }
    func listTraces(_ query: TraceQuery) async throws -> TracePage { TracePage(traces: [], nextCursor: nil) }
    func tracePoints(project: String, from: Date, to: Date, limit: Int) async throws -> [TracePoint] { [] }
}
