import Foundation

/// Splits loops across the machine's cores.
///
/// Work is cut into one contiguous chunk per thread: the loops here are uniform, so finer
/// scheduling would only add synchronisation.
public enum Parallel {
    /// Threads used by the kernels; defaults to the active processor count.
    nonisolated(unsafe) public static var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body` on disjoint ranges covering `0..<count`, in parallel when the work is big enough.
    /// `minimumPerThread` keeps tiny loops on one thread, where spawning costs more than it saves.
    @inline(__always)
    public static func forRanges(_ count: Int, minimumPerThread: Int = 1, _ body: (Range<Int>) -> Void) {
        let workers = min(threads, max(1, count / max(minimumPerThread, 1)))
        if workers <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let lower = count * w / workers
            let upper = count * (w + 1) / workers
            if lower < upper { body(lower..<upper) }
        }
    }
}
