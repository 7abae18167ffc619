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

        /// Resumes the caller waiting for this entry's commit, on its home when it has one.
        func resume(returning ok: Bool) {
            guard let committed else { return }
            if let home { home { committed.resume(returning: ok) } } else { committed.resume(returning: ok) }
        }
    }

    private struct State {
        var entries: [Entry] = []
        var writerWaiting: CheckedContinuation<Void, Never>?
        var spaceWaiters: [CheckedContinuation<Void, Never>] = []
        var closed = false
        var dropped = 0
    }

    let capacity: Int
    private let state = Mutex(State())
    private let home: ResumeHome

    init(capacity: Int, home: ResumeHome = .none) {
        self.capacity = capacity
        self.home = home
    }

    var depth: Int { state.withLock { $0.entries.count } }
    var dropped: Int { state.withLock { $0.dropped } }
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Appends without waiting; false (and counted) when the queue is full or closed.
    func offer(_ trace: Trace) -> Bool {
        let (accepted, writer): (Bool, CheckedContinuation<Void, Never>?) = state.withLock { s in
            guard !s.closed, s.entries.count < capacity else { s.dropped += 1; return (false, nil) }
            s.entries.append(Entry(trace: trace, committed: nil, home: nil))
            defer { s.writerWaiting = nil }
            return (true, s.writerWaiting)
        }
        writer?.resume()
        return accepted
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
            let (writer, rejected): (CheckedContinuation<Void, Never>?, Bool) = state.withLock { s in
                // After close the writer has drained; a late trace can no longer be stored.
                if s.closed { s.dropped += 1; return (nil, true) }
                s.entries.append(Entry(trace: trace, committed: c, home: hop))
                defer { s.writerWaiting = nil }
                return (s.writerWaiting, false)
            }
            if rejected { c.resume(returning: false) }
            writer?.resume()
        }
    }

    /// Everything queued (up to `max`); waits while empty. Returns [] once closed and drained.
    func takeBatch(max: Int) async -> [Entry] {
        while true {
            let (batch, done, waiters): ([Entry], Bool, [CheckedContinuation<Void, Never>]) = state.withLock { s in
                if s.entries.isEmpty { return ([], s.closed, []) }
                let n = min(max, s.entries.count)
                let batch = Array(s.entries.prefix(n))
                s.entries.removeFirst(n)
                let waiters = s.spaceWaiters
                s.spaceWaiters.removeAll()
                return (batch, false, waiters)
            }
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

    /// Stops accepting traces; the writer drains what is queued, then sees an empty batch.
    func close() {
        let (writer, waiters) = state.withLock { s in
            s.closed = true
            defer { s.writerWaiting = nil; s.spaceWaiters.removeAll() }
            return (s.writerWaiting, s.spaceWaiters)
        }
        writer?.resume()
        for w in waiters { w.resume() }
    }
}
