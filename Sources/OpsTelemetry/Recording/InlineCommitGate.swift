import Synchronization

/// Whether a strict-mode caller may commit its own trace on its own thread (see
/// `TraceQueue.leadIfWriterIdle`). Inline commits hold the caller's thread (an event loop in the
/// server), which is fine for a one-trace SQLite commit (about 60 µs of CPU in a profile), and for the few
/// milliseconds a WAL write sometimes waits on the disk (seen up to 9 ms on this machine while a
/// checkpoint syncs). A commit that failed or took longer than `slowCommit` (another process
/// holding the write lock, a disk in trouble) pauses them for `pause`, and the writer thread does
/// all commits meanwhile.
final class InlineCommitGate: Sendable {
    static let slowCommit: Duration = .milliseconds(20)
    static let pause: Duration = .seconds(1)

    private let pausedUntil = Mutex<ContinuousClock.Instant?>(nil)

    func allowed() -> Bool {
        pausedUntil.withLock { until in
            guard let end = until else { return true }
            if ContinuousClock.now < end { return false }
            until = nil
            return true
        }
    }

    func observe(_ took: Duration, failed: Bool) {
        guard failed || took > Self.slowCommit else { return }
        pausedUntil.withLock { $0 = ContinuousClock.now + Self.pause }
    }
}
