import Foundation

/// Splits loops across the machine's cores.
///
/// A loop is cut into a few contiguous chunks per thread, claimed dynamically on `WorkerPool`'s
/// threads: results never depend on the split (every chunk writes its own outputs), and a thread
/// that is preempted or slow to wake costs at most the chunk it holds.
public enum Parallel {
    /// Threads used by the kernels; defaults to the active processor count. Read once, when the
    /// first parallel loop starts the worker threads.
    nonisolated(unsafe) public static var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Chunks per thread: enough to even out the end of a region, few enough to claim cheaply.
    static let chunksPerThread = 4

    private static let pool = WorkerPool(size: threads)

    /// Runs `body` on disjoint ranges covering `0..<count`, in parallel when the work is big enough.
    /// `minimumPerThread` keeps tiny loops on one thread, where handing off costs more than it saves.
    @inline(__always)
    public static func forRanges(_ count: Int, minimumPerThread: Int = 1, _ body: (Range<Int>) -> Void) {
        let minimum = max(minimumPerThread, 1)
        if pool.size <= 1 || count < 2 * minimum {
            if count > 0 { body(0..<count) }
            return
        }
        let chunks = min(count / minimum, pool.size * chunksPerThread)
        pool.run(chunks: chunks) { c in
            body((count * c / chunks)..<(count * (c + 1) / chunks))
        }
    }

    /// Calls `body(i)` for each `i` in `0..<count`, in parallel; for a few large, independent tasks.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        pool.run(chunks: count, body)
    }
}
