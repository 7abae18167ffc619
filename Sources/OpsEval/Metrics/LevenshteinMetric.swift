/// Normalized Levenshtein similarity: 1 − distance / max(length), over user-perceived characters
/// (grapheme clusters); 1 for two empty strings. With several references, the best one counts.
public struct LevenshteinMetric: Metric {
    public let name = "levenshtein"
    public var normalization: TextNormalization

    public init(normalization: TextNormalization = .none) {
        self.normalization = normalization
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        guard !references.isEmpty else { throw EvalError.missingReference(metric: name) }
        let hyp = Array(normalization.apply(hypothesis))
        var best: (similarity: Double, distance: Int)?
        for ref in references {
            let r = Array(normalization.apply(ref))
            let distance = Self.distance(hyp, r)
            let longest = max(hyp.count, r.count)
            let similarity = longest == 0 ? 1 : 1 - Double(distance) / Double(longest)
            if best == nil || similarity > best!.similarity { best = (similarity, distance) }
        }
        return MetricScore(value: best!.similarity, details: [("distance", Double(best!.distance))])
    }

    /// Edit distance with unit-cost insertions, deletions and substitutions (two-row dynamic programming).
    public static func distance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
