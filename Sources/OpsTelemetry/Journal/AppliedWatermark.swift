import Synchronization

/// How far the writer has applied the trace journal to the database, and who waits for it: a
/// read of traces (the API, the console) waits until every trace journaled before it arrived is
/// in the database, so a client that got its answer finds its trace.
final class AppliedWatermark: Sendable {
    private struct State {
        var applied: UInt64
        var waiters: [(id: UInt64, target: UInt64, continuation: CheckedContinuation<Void, Never>)] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(applied: UInt64) { state = Mutex(State(applied: applied)) }

    var applied: UInt64 { state.withLock { $0.applied } }

    /// Returns once `target` is applied, or after `limit`. `nudge` runs when it has to wait (to cut a linger short).
    func wait(for target: UInt64, atMost limit: Duration, nudge: () -> Void) async {
        if state.withLock({ $0.applied >= target }) { return }
        nudge()
        let id = state.withLock { s -> UInt64 in s.nextID += 1; return s.nextID }
        let timer = Task {
            try? await Task.sleep(for: limit)
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: index).continuation
            }
            waiter?.resume()
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.applied >= target { return true }
                s.waiters.append((id, target, c))
                return false
            }
            if now { c.resume() }
        }
        timer.cancel()
    }

    /// Records progress and resumes the readers it satisfies.
    func advance(to seq: UInt64) {
        let ready: [CheckedContinuation<Void, Never>] = state.withLock { s in
            s.applied = max(s.applied, seq)
            let applied = s.applied
            let (done, still) = (s.waiters.filter { $0.target <= applied }, s.waiters.filter { $0.target > applied })
            s.waiters = still
            return done.map(\.continuation)
        }
        for c in ready { c.resume() }
    }
}
