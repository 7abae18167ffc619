import Dispatch
import OpsCore
import Synchronization

/// The bounded hand-off between request handlers and the writer. Handlers append; the writer
/// takes everything queued so far as one batch, which is what makes commits grouped.
final class TraceQueue: Sendable {
    struct Entry: Sendable {
        var trace: Trace
        /// Resumed once the batch holding the trace is committed (strict mode).
        var committed: CheckedContinuation<Bool, Never>?
        /// Where the waiting caller runs (its event loop), so it is resumed there rather than on
        /// the writer's thread; nil resumes it from the writer.
        var home: ResumeHome.Hop?
        /// The trace's record number in the journal (strict mode with a journal): nobody waits for
        /// its commit, which carries the number into the database.
        var journalSeq: UInt64? = nil

        /// Resumes the caller waiting for this entry's commit, on its home when it has one.
        func resume(returning ok: Bool) {
            guard let committed else { return }
            if let home { home { committed.resume(returning: ok) } } else { committed.resume(returning: ok) }
        }
    }

    private struct State {
        var entries: [Entry] = []
        var writerWaiting: CheckedContinuation<Void, Never>?
        /// The writer thread sleeps on `writerThreadWake` (see `takeBatchBlocking`).
        var writerThreadWaiting = false
        /// A caller is committing its own trace (see `leadIfWriterIdle`).
        var leaderActive = false
        var spaceWaiters: [CheckedContinuation<Void, Never>] = []
        var closed = false
        var dropped = 0
    }

    let capacity: Int
    private let state = Mutex(State())
    private let home: ResumeHome
    private let writerThreadWake = DispatchSemaphore(value: 0)

    init(capacity: Int, home: ResumeHome = .none) {
        self.capacity = capacity
        self.home = home
    }

    var depth: Int { state.withLock { $0.entries.count } }
    var dropped: Int { state.withLock { $0.dropped } }
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Appends without waiting; false (and counted) when the queue is full or closed.
    func offer(_ trace: Trace) -> Bool {
        let (accepted, writer): (Bool, WriterWake) = state.withLock { s in
            guard !s.closed, s.entries.count < capacity else { s.dropped += 1; return (false, WriterWake()) }
            s.entries.append(Entry(trace: trace, committed: nil, home: nil))
            return (true, WriterWake(taking: &s))
        }
        wake(writer)
        return accepted
    }

    /// Appends a journaled trace without waiting; false when the queue is full or closed (not
    /// counted: the caller then waits for a commit instead).
    func offer(_ trace: Trace, journalSeq: UInt64) -> Bool {
        let (accepted, writer): (Bool, WriterWake) = state.withLock { s in
            guard !s.closed, s.entries.count < capacity else { return (false, WriterWake()) }
            s.entries.append(Entry(trace: trace, committed: nil, home: nil, journalSeq: journalSeq))
            return (true, WriterWake(taking: &s))
        }
        wake(writer)
        return accepted
    }

    /// Puts journaled entries of a batch the store refused back at the head, to go with the next
    /// batch: they stay in the journal and in order, and their callers already have their answers.
    func requeueFront(_ entries: [Entry]) {
        guard !entries.isEmpty else { return }
        state.withLock { $0.entries.insert(contentsOf: entries, at: 0) }
    }

    /// Appends, waiting for room when full, and returns once the trace is committed (true) or
    /// its batch failed for good (false). A closed queue refuses it (false, counted as dropped).
    func appendAndWait(_ trace: Trace) async -> Bool {
        while true {
            let full: Bool = state.withLock { $0.entries.count >= capacity && !$0.closed }
            if !full { break }
            await withCheckedContinuation { c in
                let resumeNow = state.withLock { s -> Bool in
                    if s.entries.count < capacity || s.closed { return true }
                    s.spaceWaiters.append(c)
                    return false
                }
                if resumeNow { c.resume() }
            }
        }
        let hop = home.current()
        return await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            let (writer, rejected): (WriterWake, Bool) = state.withLock { s in
                // After close the writer has drained; a late trace can no longer be stored.
                if s.closed { s.dropped += 1; return (WriterWake(), true) }
                s.entries.append(Entry(trace: trace, committed: c, home: hop))
                return (WriterWake(taking: &s), false)
            }
            if rejected { c.resume(returning: false) }
            wake(writer)
        }
    }

    /// Everything queued (up to `max`); waits while empty. Returns [] once closed and drained.
    func takeBatch(max: Int) async -> [Entry] {
        while true {
            let (batch, done, waiters) = takeQueued(max: max, markingThreadWaiting: false)
            for w in waiters { w.resume() }
            if !batch.isEmpty || done { return batch }
            await withCheckedContinuation { c in
                let resumeNow = state.withLock { s -> Bool in
                    if !s.entries.isEmpty || s.closed { return true }
                    s.writerWaiting = c
                    return false
                }
                if resumeNow { c.resume() }
            }
        }
    }

    /// `takeBatch` for a writer on a thread of its own: sleeps on a semaphore while empty.
    /// Returns [] once closed and drained. Only one thread may call it.
    func takeBatchBlocking(max: Int) -> [Entry] {
        while true {
            let (batch, done, waiters) = takeQueued(max: max, markingThreadWaiting: true)
            for w in waiters { w.resume() }
            if !batch.isEmpty || done { return batch }
            writerThreadWake.wait()
        }
    }

    /// Strict mode's shortcut while the writer thread sleeps with nothing queued: the caller may
    /// commit its own trace on its own thread (true) instead of waking the writer and waiting to be
    /// woken again, two thread switches that cost more than the commit when calls come one at a
    /// time. Only one caller leads at once; everyone arriving meanwhile queues for the writer as
    /// usual, so concurrent calls still share commits. A leader must call `endLead()`.
    func leadIfWriterIdle() -> Bool {
        state.withLock { s in
            guard s.writerThreadWaiting, !s.leaderActive, !s.closed, s.entries.isEmpty else { return false }
            s.leaderActive = true
            return true
        }
    }

    /// The leader's commit is over; after close, the writer (waiting for it) may now finish.
    func endLead() {
        let writer: WriterWake = state.withLock { s in
            s.leaderActive = false
            return s.closed ? WriterWake(taking: &s) : WriterWake()
        }
        wake(writer)
    }

    /// Stops accepting traces; the writer drains what is queued, then sees an empty batch.
    func close() {
        let (writer, waiters) = state.withLock { s in
            s.closed = true
            defer { s.spaceWaiters.removeAll() }
            return (WriterWake(taking: &s), s.spaceWaiters)
        }
        wake(writer)
        for w in waiters { w.resume() }
    }

    /// Takes up to `max` queued entries and the callers waiting for room. When nothing is queued
    /// and `markingThreadWaiting`, the writer thread is marked asleep in the same critical
    /// section, so an append after it is sure to signal.
    private func takeQueued(max: Int, markingThreadWaiting: Bool) -> ([Entry], Bool, [CheckedContinuation<Void, Never>]) {
        state.withLock { s in
            if s.entries.isEmpty {
                // The thread stays up while a leader commits, so the store outlives that commit.
                let done = s.closed && !(markingThreadWaiting && s.leaderActive)
                if markingThreadWaiting && !done { s.writerThreadWaiting = true }
                return ([], done, [])
            }
            let n = min(max, s.entries.count)
            let batch = Array(s.entries.prefix(n))
            s.entries.removeFirst(n)
            let waiters = s.spaceWaiters
            s.spaceWaiters.removeAll()
            return (batch, false, waiters)
        }
    }

    /// Who to wake after an append or close, taken out of the state under the lock.
    private struct WriterWake {
        var task: CheckedContinuation<Void, Never>?
        var thread = false

        init() {}
        init(taking s: inout State) {
            task = s.writerWaiting
            thread = s.writerThreadWaiting
            s.writerWaiting = nil
            s.writerThreadWaiting = false
        }
    }

    private func wake(_ writer: WriterWake) {
        writer.task?.resume()
        if writer.thread { writerThreadWake.signal() }
    }
}
