/// Extracts the n-grams of one order into an `NGramTable`.
enum NGramCounter {
    /// Counts of the n-grams of order `n` over token ids.
    static func words(_ ids: [Int32], order n: Int) -> NGramTable {
        guard ids.count >= n else { return NGramTable() }
        var table = NGramTable(expected: ids.count - n + 1)
        ids.withUnsafeBufferPointer { buf in
            for i in 0...(ids.count - n) { table.add(NGramKey(ids: buf, start: i, count: n)) }
        }
        return table
    }

    /// Counts of the character n-grams of order `n` over code points.
    static func characters(_ scalars: [UInt32], order n: Int) -> NGramTable {
        guard scalars.count >= n else { return NGramTable() }
        var table = NGramTable(expected: scalars.count - n + 1)
        scalars.withUnsafeBufferPointer { buf in
            for i in 0...(scalars.count - n) { table.add(NGramKey(scalars: buf, start: i, count: n)) }
        }
        return table
    }
}
