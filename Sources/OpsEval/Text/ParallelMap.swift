import Dispatch
import Foundation

/// Maps over indices on all cores, keeping order. Scoring pairs is independent CPU work, so a
/// corpus of 10,000 pairs is split into one contiguous chunk per worker.
enum ParallelMap {
    static func map<T>(_ count: Int, _ transform: (Int) throws -> T) throws -> [T] {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / 64))
        guard workers > 1 else { return try (0..<count).map(transform) }
        var results = [Result<T, Error>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            let slots = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let range = (count * w / workers)..<(count * (w + 1) / workers)
                for i in range { slots[i] = Result { try transform(i) } }
            }
        }
        return try results.map { try $0!.get() }
    }
}
