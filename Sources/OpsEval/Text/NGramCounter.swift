/// N-gram counts of one order.
typealias NGramCounts = [NGramKey: Int]

enum NGramCounter {
    /// Counts of the n-grams of order `n` over `ids`.
    static func words(_ ids: [Int32], order n: Int) -> NGramCounts {
        var counts: NGramCounts = [:]
        guard ids.count >= n else { return counts }
        counts.reserveCapacity(ids.count - n + 1)
        ids.withUnsafeBufferPointer { buf in
            for i in 0...(ids.count - n) {
                counts[NGramKey(ids: buf, start: i, count: n), default: 0] += 1
            }
        }
        return counts
    }

    /// Counts of the character n-grams of order `n` over `scalars`.
    static func characters(_ scalars: [UInt32], order n: Int) -> NGramCounts {
        var counts: NGramCounts = [:]
        guard scalars.count >= n else { return counts }
        counts.reserveCapacity(scalars.count - n + 1)
        scalars.withUnsafeBufferPointer { buf in
            for i in 0...(scalars.count - n) {
                counts[NGramKey(scalars: buf, start: i, count: n), default: 0] += 1
            }
        }
        return counts
    }
}
