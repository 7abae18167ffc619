import Foundation

/// A BERT encoder that turns token-id sequences into mean-pooled, L2-normalised sentence vectors
/// (the sentence-transformers recipe for all-MiniLM-L6-v2).
///
/// Sequences of a batch are concatenated without padding: linear layers run once over all
/// tokens, attention runs per sequence, so short texts cost nothing for long neighbours.
/// A batch is split into one group of sequences per core, each encoded by its own `BertPass`
/// with no synchronisation between layers; a batch too small or too uneven to split runs as
/// one pass whose operations are split across the cores instead.
/// Not thread-safe; `LocalEmbedder` serialises access.
final class BertEncoder {
    let config: BertConfig
    private let weights: BertWeights

    init(config: BertConfig, weights: BertWeights) {
        self.config = config
        self.weights = weights
    }

    /// One unit-length vector per sequence. Every sequence must hold at least one id.
    func embed(_ sequences: [[Int]]) -> [[Float]] {
        let groups = Self.groups(sequences.map(\.count), into: Parallel.threads)
        if groups.count <= 1 {
            return BertPass(config: config, weights: weights, sequences: sequences, parallel: true).run()
        }
        let results = UnsafeMutablePointer<[[Float]]>.allocate(capacity: groups.count)
        results.initialize(repeating: [], count: groups.count)
        defer { results.deinitialize(count: groups.count); results.deallocate() }
        let config = self.config, weights = self.weights
        Parallel.forEach(groups.count) { g in
            results[g] = BertPass(config: config, weights: weights, sequences: Array(sequences[groups[g]]),
                                  parallel: false).run()
        }
        return (0..<groups.count).flatMap { results[$0] }
    }

    /// Contiguous ranges of sequences with about equal token counts, one per thread; a single
    /// range when there are too few sequences for the split to come out even.
    static func groups(_ lengths: [Int], into threads: Int) -> [Range<Int>] {
        let whole = [0..<lengths.count]
        guard threads > 1, lengths.count >= 2 * threads else { return whole }
        let total = lengths.reduce(0, +)
        var groups: [Range<Int>] = [], start = 0, sum = 0
        for (i, length) in lengths.enumerated() {
            sum += length
            if groups.count < threads - 1 && sum * threads >= total * (groups.count + 1) {
                groups.append(start..<(i + 1))
                start = i + 1
            }
        }
        groups.append(start..<lengths.count)
        // A group a quarter over its share would leave the other cores idle for that long.
        let largest = groups.map { lengths[$0].reduce(0, +) }.max() ?? 0
        return groups.count == threads && !groups.contains(where: \.isEmpty) && largest * 4 * threads <= total * 5 ? groups : whole
    }
}
