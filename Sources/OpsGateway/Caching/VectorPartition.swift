/// One semantic-cache partition: unit vectors stored flat, with a sign-bit sketch of each. Small
/// partitions are scanned exactly; large ones are first narrowed by Hamming distance between
/// sketches (48 bytes instead of 1.5 KB per 384-dim entry), then the few nearest are scored exactly.
struct VectorPartition<Value> {
    let dimensions: Int
    let capacity: Int
    private let words: Int
    private(set) var vectors: [Float] = []
    private var sketches: [UInt64] = []
    private(set) var values: [Value] = []
    // Once full, the oldest entry is overwritten next.
    private var oldest = 0

    /// Below this many entries an exact scan is cheap enough.
    static var exactScanLimit: Int { 8_192 }
    /// Entries kept by the first-word pass.
    static var coarseCount: Int { 2_048 }
    /// Entries rescored exactly after the whole-sketch pass.
    static var rerankCount: Int { 64 }

    init(dimensions: Int, capacity: Int) {
        self.dimensions = dimensions
        self.capacity = max(1, capacity)
        words = (dimensions + 63) / 64
    }

    var count: Int { values.count }

    /// Adds a unit vector, evicting the oldest entry when full.
    mutating func insert(_ vector: [Float], value: Value) {
        let sketch = Self.sketch(vector, words: words)
        if values.count < capacity {
            vectors.append(contentsOf: vector)
            sketches.append(contentsOf: sketch)
            values.append(value)
            return
        }
        vectors.replaceSubrange(oldest * dimensions ..< (oldest + 1) * dimensions, with: vector)
        sketches.replaceSubrange(oldest * words ..< (oldest + 1) * words, with: sketch)
        values[oldest] = value
        oldest = (oldest + 1) % capacity
    }

    /// The most similar entry and its cosine similarity (vectors are unit length).
    func nearest(to query: [Float]) -> (index: Int, similarity: Float)? {
        guard !values.isEmpty else { return nil }
        if values.count <= Self.exactScanLimit { return best(of: 0 ..< values.count, query: query) }
        return best(of: candidates(for: Self.sketch(query, words: words)), query: query)
    }

    private func best<S: Sequence>(of indices: S, query: [Float]) -> (index: Int, similarity: Float)? where S.Element == Int {
        var best: (index: Int, similarity: Float)?
        vectors.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                for i in indices {
                    let score = VectorMath.dot(q.baseAddress!, all.baseAddress! + i * dimensions, count: dimensions)
                    if best == nil || score > best!.similarity { best = (i, score) }
                }
            }
        }
        return best
    }

    /// The indices whose sketches are nearest the query's, in two passes so that most entries cost
    /// one 64-bit popcount: the first sketch word keeps the closest `coarseCount`, whole sketches
    /// keep the closest `rerankCount` of those. Histograms of distances find each cut-off without sorting.
    private func candidates(for sketch: [UInt64]) -> [Int] {
        let n = values.count, words = self.words
        var coarse = [UInt8](repeating: 0, count: n)
        var histogram = [Int](repeating: 0, count: 65)
        sketches.withUnsafeBufferPointer { all in
            coarse.withUnsafeMutableBufferPointer { d in
                histogram.withUnsafeMutableBufferPointer { hist in
                    let q = sketch[0]
                    var p = all.baseAddress!
                    for i in 0 ..< n {
                        let distance = (p.pointee ^ q).nonzeroBitCount
                        d[i] = UInt8(truncatingIfNeeded: distance)
                        hist[distance] += 1
                        p += words
                    }
                }
            }
        }
        let coarseCut = Self.cutoff(histogram, keeping: Self.coarseCount)
        var survivors: [(index: Int, distance: Int)] = []
        survivors.reserveCapacity(Self.coarseCount * 2)
        var fine = [Int](repeating: 0, count: words * 64 + 1)
        sketches.withUnsafeBufferPointer { all in
            for i in 0 ..< n where Int(coarse[i]) <= coarseCut {
                var distance = Int(coarse[i])
                for w in 1 ..< words { distance &+= (all[i * words + w] ^ sketch[w]).nonzeroBitCount }
                survivors.append((i, distance))
                fine[distance] += 1
            }
        }
        let fineCut = Self.cutoff(fine, keeping: Self.rerankCount)
        return survivors.filter { $0.distance <= fineCut }.map(\.index)
    }

    /// The smallest distance such that at least `keeping` entries lie at or below it.
    private static func cutoff(_ histogram: [Int], keeping: Int) -> Int {
        var cut = 0, kept = histogram[0]
        while cut < histogram.count - 1 && kept < keeping {
            cut += 1
            kept += histogram[cut]
        }
        return cut
    }

    static func sketch(_ vector: [Float], words: Int) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: words)
        for (i, x) in vector.enumerated() where x > 0 { bits[i >> 6] |= 1 << UInt64(i & 63) }
        return bits
    }
}
