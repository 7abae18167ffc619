import Dispatch
import Foundation
import Logging
import OpsCore
import ServiceLifecycle
import Synchronization

/// Records traces off the request path: a bounded queue flushed in batches by `run()`, a
/// `Service` in the server's `ServiceGroup`. On graceful shutdown it drains the queue before returning.
public final class TraceRecorder: Service, Sendable {
    public let durability: TraceDurability
    private let store: any TraceStore
    /// The store when it commits on the calling thread: a writer thread of its own, and inline commits.
    private let blockingStore: (any BlockingTraceWriting)?
    private let inlineCommits = InlineCommitGate()
    /// Strict mode's write-ahead journal, with the store that records how much of it is applied.
    private let journal: (file: TraceJournal, store: any JournaledTraceWriting)?
    private let watermark: AppliedWatermark
    /// Cuts the writer's linger short when a reader waits for the journal to be applied.
    private let lingerWake = DispatchSemaphore(value: 0)
    private let queue: TraceQueue
    private let maxBatch: Int
    private let logger: Logger
    private let metrics: GatewayMetrics?
    private let writeTimeout: Duration
    /// Fast mode, and strict with the journal: how long the writer lets traces gather after a batch
    /// smaller than `maxBatch`. Nobody waits for those commits, and each commit rewrites the B-tree
    /// pages it touched, so a few larger batches cost far less than many small ones. Strict mode
    /// without the journal never lingers: its callers wait for the commit (group commit gathers
    /// what arrives meanwhile).
    private let linger: Duration
    private var lingerSeconds: Double { Double(linger.components.seconds) + Double(linger.components.attoseconds) / 1e18 }

    public init(store: any TraceStore, durability: TraceDurability, capacity: Int = 10_000, maxBatch: Int = 1_000,
                metrics: GatewayMetrics? = nil, writeTimeout: Duration = .seconds(10), fastLinger: Duration = .milliseconds(20),
                home: ResumeHome = .none, journal: TraceJournal? = nil, logger: Logger = Logger(label: "llmops.recorder")) {
        self.writeTimeout = writeTimeout
        var journaled: (file: TraceJournal, store: any JournaledTraceWriting)?
        if durability == .strict, let journal, let journaledStore = store as? any JournaledTraceWriting {
            journaled = (journal, journaledStore)
        }
        self.journal = journaled
        self.watermark = AppliedWatermark(applied: journaled.map { $0.file.nextSequence - 1 } ?? 0)
        // A journaled strict recorder writes like a fast one: nobody waits for its commits.
        self.linger = durability == .fast || journaled != nil ? fastLinger : .zero
        self.store = store
        self.blockingStore = store as? any BlockingTraceWriting
        self.durability = durability
        self.queue = TraceQueue(capacity: capacity, home: home)
        self.maxBatch = maxBatch
        self.metrics = metrics
        self.logger = logger
    }

    /// Traces waiting to be written.
    public var queueDepth: Int { queue.depth }
    /// Traces not stored: refused by a full (fast mode) or closed queue, or in a batch the store
    /// kept failing.
    public var droppedCount: Int { queue.dropped + failedWrites.withLock { $0 } }
    private let failedWrites = Mutex(0)

    /// Hands a trace to the writer. Strict: returns after its batch is committed, true when stored.
    /// Fast: returns at once, false when the trace was dropped.
    @discardableResult
    public func record(_ trace: Trace) async -> Bool {
        let stored: Bool
        switch durability {
        case .strict:
            if let journal, let queued = journalAndQueue(trace, in: journal.file) {
                stored = queued
            } else if let inline = blockingStore, inlineCommits.allowed(), queue.leadIfWriterIdle() {
                stored = await commitInline(trace, to: inline)
            } else {
                stored = await queue.appendAndWait(trace)
            }
        case .fast:
            stored = queue.offer(trace)
            if !stored { metrics?.tracesDropped.increment() }
        }
        metrics?.traceQueueDepth.set(Double(queue.depth))
        return stored
    }

    /// Whether strict traces go through the journal (see `TraceJournal`).
    public var isJournaled: Bool { journal != nil }

    /// Returns once every trace recorded before the call can be read from the store. Immediate
    /// except with a journal, where the writer applies traces after their callers got their answers;
    /// while the store refuses writes it gives up after `writeTimeout` (the read then may miss them).
    public func awaitStored() async {
        guard let journal else { return }
        let target = journal.file.nextSequence - 1
        await watermark.wait(for: target, atMost: writeTimeout) { lingerWake.signal() }
    }

    /// Writes the trace to the journal and queues it for the writer: true once it is on disk. Nil when
    /// it could not be journaled or queued (a failing disk, a full queue): the caller then waits for
    /// its commit as without a journal.
    private func journalAndQueue(_ trace: Trace, in file: TraceJournal) -> Bool? {
        let payload = TraceRecordCodec.encode(trace)
        do {
            let queued = try file.append(payload) { seq in queue.offer(trace, journalSeq: seq) }
            return queued ? true : nil
        } catch {
            logger.error("trace journal write failed; this call waits for its commit instead", metadata: ["error": "\(error)"])
            return nil
        }
    }

    public func run() async throws {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                if let blocking = self.blockingStore {
                    await self.drainOnWriterThread(blocking)
                } else {
                    await self.drain()
                }
            } onGracefulShutdown: {
                self.queue.close()
            }
        } onCancel: {
            self.queue.close()
        }
    }

    /// Stops intake and writes what is queued; for callers that run the recorder themselves.
    public func shutdown() { queue.close() }

    private func drain() async {
        while true {
            let batch = await queue.takeBatch(max: maxBatch)
            if batch.isEmpty { return }
            let ok = await write(batch.map(\.trace))
            for entry in batch { entry.resume(returning: ok) }
            metrics?.traceQueueDepth.set(Double(queue.depth))
            if linger > .zero, batch.count < maxBatch, !queue.isClosed { try? await Task.sleep(for: linger) }
        }
    }

    /// Strict mode with the writer idle: commits the caller's trace on the caller's thread, once.
    /// A failed or slow commit hands over to the writer thread (which retries with backoff) and
    /// pauses inline commits for a while, so a busy database never holds callers' threads.
    private func commitInline(_ trace: Trace, to store: any BlockingTraceWriting) async -> Bool {
        let started = ContinuousClock.now
        let committed = (try? store.insertTracesBlocking([trace])) != nil
        queue.endLead()
        inlineCommits.observe(ContinuousClock.now - started, failed: !committed)
        if committed {
            metrics?.tracesWritten.increment()
            return true
        }
        return await queue.appendAndWait(trace)
    }

    /// The writer for stores that commit on the calling thread: a thread of its own takes each
    /// batch, commits it and resumes its callers, with no hop to the store's queue in between.
    /// Returns once the queue is closed and drained.
    private func drainOnWriterThread(_ store: any BlockingTraceWriting) async {
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                while true {
                    let batch = self.queue.takeBatchBlocking(max: self.maxBatch)
                    if batch.isEmpty { break }
                    let applies = batch.lazy.compactMap(\.journalSeq).max()
                    let ok = self.writeBlocking(batch.map(\.trace), journalApplied: applies, to: store)
                    // Counted before the callers hear of it. Journaled traces are never dropped
                    // here: retried, or left in the journal.
                    if !ok { self.giveUp(batch.lazy.filter { $0.journalSeq == nil }.count) }
                    for entry in batch { entry.resume(returning: ok) }
                    if let applies {
                        if ok {
                            self.watermark.advance(to: applies)
                            self.journal?.file.release(through: applies)
                        } else if !self.queue.isClosed {
                            // Their callers were answered: retry them with the next batch. The queue
                            // fills meanwhile, and new calls then wait for a commit (a 503 while the
                            // store keeps failing). At shutdown they stay in the journal for the next start.
                            self.queue.requeueFront(batch.filter { $0.journalSeq != nil })
                        }
                    }
                    self.metrics?.traceQueueDepth.set(Double(self.queue.depth))
                    if self.linger > .zero, batch.count < self.maxBatch, !self.queue.isClosed {
                        _ = self.lingerWake.wait(timeout: .now() + .nanoseconds(Int(self.lingerSeconds * 1e9)))
                    }
                }
                if let journal = self.journal {
                    journal.file.finish(applied: self.watermark.applied)
                    self.watermark.advance(to: .max)
                }
                finished.resume()
            }
            thread.name = "llmops-trace-writer"
            thread.start()
        }
    }

    /// `write` on the writer thread; the store's own busy timeout bounds each attempt. With a journal,
    /// the batch also records the highest journal record it applies. False once every attempt failed;
    /// the caller counts what that loses.
    private func writeBlocking(_ traces: [Trace], journalApplied: UInt64?, to store: any BlockingTraceWriting) -> Bool {
        for attempt in 1...Self.attempts {
            do {
                if let journalApplied, let journaled = journal?.store {
                    try journaled.insertTracesBlocking(traces, journalApplied: journalApplied)
                } else {
                    try store.insertTracesBlocking(traces)
                }
                metrics?.tracesWritten.increment(by: Int64(traces.count))
                return true
            } catch {
                logFailure(attempt: attempt, traces: traces.count, error: error)
                if attempt < Self.attempts {
                    Thread.sleep(forTimeInterval: Double(Self.backoffMs(after: attempt)) / 1000)
                }
            }
        }
        return false
    }

    private static let attempts = 5

    /// The wait before the next attempt of a failed batch write: 50 ms, then four times longer each time.
    private static func backoffMs(after attempt: Int) -> UInt64 { 50 << (2 * UInt64(attempt - 1)) }

    private func logFailure(attempt: Int, traces: Int, error: any Error) {
        logger.error("trace batch write failed", metadata: ["attempt": "\(attempt)", "traces": "\(traces)", "error": "\(error)"])
    }

    private func giveUp(_ traces: Int) {
        failedWrites.withLock { $0 += traces }
        metrics?.tracesDropped.increment(by: Int64(traces))
    }

    /// Writes a batch, retrying a few times with backoff before giving it up.
    private func write(_ traces: [Trace]) async -> Bool {
        for attempt in 1...Self.attempts {
            do {
                let store = self.store
                try await Deadline.run(writeTimeout, "trace batch write") { try await store.insertTraces(traces) }
                metrics?.tracesWritten.increment(by: Int64(traces.count))
                return true
            } catch {
                logFailure(attempt: attempt, traces: traces.count, error: error)
                if attempt < Self.attempts {
                    try? await Task.sleep(nanoseconds: Self.backoffMs(after: attempt) * 1_000_000)
                }
            }
        }
        giveUp(traces.count)
        return false
    }
}
