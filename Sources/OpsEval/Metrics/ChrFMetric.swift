/// chrF (Popović 2015) and chrF++ (word order 2) as sacrebleu 2.x computes them: character
/// n-grams up to 6 without whitespace, β = 2, averaged precision and recall over the orders that
/// occur (sacrebleu's default, not epsilon smoothing), best reference by F-score per segment.
///
/// The corpus score sums the per-order counts of every segment before computing one F-score.
public struct ChrFMetric: CorpusMetric {
    public let name: String
    /// Largest character n-gram order (6 in chrF).
    public var charOrder: Int
    /// 0 for chrF, 2 for chrF++.
    public var wordOrder: Int
    /// Weight of recall against precision (2 in chrF).
    public var beta: Int
    /// Lowercase both sides first (sacrebleu `-lc`).
    public var lowercase: Bool
    /// Keep whitespace inside character n-grams (sacrebleu `--chrf-whitespace`).
    public var whitespace: Bool
    /// Epsilon smoothing as chrF++.py, NLTK and Moses do, instead of effective order.
    public var epsSmoothing: Bool

    public init(charOrder: Int = 6, wordOrder: Int = 0, beta: Int = 2, lowercase: Bool = false,
                whitespace: Bool = false, epsSmoothing: Bool = false) throws {
        guard (1...6).contains(charOrder), (0...4).contains(wordOrder) else {
            throw EvalError.invalidOption("chrF character order must be 1…6 and word order 0…4")
        }
        self.name = wordOrder == 0 ? "chrf" : "chrf++"
        self.charOrder = charOrder
        self.wordOrder = wordOrder
        self.beta = beta
        self.lowercase = lowercase
        self.whitespace = whitespace
        self.epsSmoothing = epsSmoothing
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        MetricScore(value: fScore(try statistics(hypothesis: hypothesis, references: references)))
    }

    public func corpusScore(hypotheses: [String], references: [[String]]) throws -> MetricScore {
        try evaluate(hypotheses: hypotheses, references: references).corpus
    }

    /// Sentence and corpus scores from one pass of n-gram statistics.
    public func evaluate(hypotheses: [String], references: [[String]]) throws -> MetricEvaluation {
        try checkCounts(hypotheses, references)
        let stats = try ParallelMap.map(hypotheses.count) { i in
            try statistics(hypothesis: hypotheses[i], references: references[i])
        }
        var total = Array(repeating: 0, count: 3 * (charOrder + wordOrder))
        for s in stats {
            for i in total.indices { total[i] += s[i] }
        }
        return MetricEvaluation(corpus: MetricScore(value: fScore(total)),
                                segments: stats.map { MetricScore(value: fScore($0)) })
    }

    /// Per order `[hypothesis n-grams, reference n-grams, matches]`, flattened, for the reference
    /// with the best F-score (the first one on ties).
    public func statistics(hypothesis: String, references: [String]) throws -> [Int] {
        guard !references.isEmpty else { throw EvalError.missingReference(metric: name) }
        let extractor = ChrFNGrams(charOrder: charOrder, wordOrder: wordOrder, includeWhitespace: whitespace)
        var interner = TokenInterner<ArraySlice<UInt32>>()
        let hyp = extractor.extract(prepare(hypothesis), interner: &interner)
        var best: [Int] = []
        var bestF = -1.0
        for ref in references {
            let refTables = extractor.extract(prepare(ref), interner: &interner)
            var stats: [Int] = []
            stats.reserveCapacity(3 * hyp.count)
            for (h, r) in zip(hyp, refTables) {
                var matches = 0
                var hypCount = 0
                for (gram, count) in h {
                    hypCount += count
                    if let refCount = r[gram] { matches += min(count, refCount) }
                }
                stats.append(r.isEmpty ? 0 : hypCount)
                stats.append(r.total)
                stats.append(matches)
            }
            let f = fScore(stats)
            if f > bestF {
                bestF = f
                best = stats
            }
        }
        return best
    }

    /// sacrebleu's `_compute_f_score`, operation for operation.
    func fScore(_ stats: [Int]) -> Double {
        let eps = 1e-16
        let factor = Double(beta * beta)
        var score = 0.0
        var effectiveOrder = 0
        var avgPrec = 0.0
        var avgRec = 0.0
        for i in 0..<(charOrder + wordOrder) {
            let nHyp = stats[3 * i], nRef = stats[3 * i + 1], nMatch = stats[3 * i + 2]
            let prec = nHyp > 0 ? Double(nMatch) / Double(nHyp) : eps
            let rec = nRef > 0 ? Double(nMatch) / Double(nRef) : eps
            let denom = factor * prec + rec
            score += denom > 0 ? (1 + factor) * prec * rec / denom : eps
            if nHyp > 0 && nRef > 0 {
                avgPrec += prec
                avgRec += rec
                effectiveOrder += 1
            }
        }
        if epsSmoothing { return 100 * score / Double(charOrder + wordOrder) }
        if effectiveOrder == 0 {
            avgPrec = 0
            avgRec = 0
        } else {
            avgPrec /= Double(effectiveOrder)
            avgRec /= Double(effectiveOrder)
        }
        guard avgPrec + avgRec != 0 else { return 0 }
        return 100 * (((1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec))
    }

    private func prepare(_ s: String) -> String { lowercase ? PythonText.lowercased(s) : s }
}
