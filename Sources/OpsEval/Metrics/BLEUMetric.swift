/// BLEU as sacrebleu 2.x computes it: 13a tokenization, n-grams up to 4, clipped counts against the
/// per-n-gram maximum over references, closest reference length, `exp` smoothing by default.
///
/// Sentence scores use effective order like `sacrebleu.sentence_bleu`; the corpus score pools the
/// statistics of all segments like `sacrebleu.corpus_bleu` (it is not a mean of sentence scores).
public struct BLEUMetric: CorpusMetric {
    /// sacrebleu's smoothing methods (Chen and Cherry, 2014).
    public enum Smoothing: String, Sendable, CaseIterable {
        case exp, floor, none
        case addK = "add-k"

        /// sacrebleu's default smoothing value for the methods that take one.
        var defaultValue: Double {
            switch self {
            case .floor: return 0.1
            case .addK: return 1
            case .exp, .none: return 0
            }
        }
    }

    public let name = "bleu"
    /// Largest n-gram order, 1…4.
    public var maxOrder: Int
    /// How zero n-gram matches are smoothed (`exp` by default, as sacrebleu).
    public var smoothing: Smoothing
    /// Value for `floor` and `add-k`; nil means sacrebleu's default.
    public var smoothValue: Double?
    /// Lowercase hypothesis and references before tokenizing (sacrebleu `-lc`).
    public var lowercase: Bool
    private let tokenizer = Tokenizer13a()

    public init(maxOrder: Int = 4, smoothing: Smoothing = .exp, smoothValue: Double? = nil,
                lowercase: Bool = false) throws {
        guard (1...4).contains(maxOrder) else {
            throw EvalError.invalidOption("BLEU order must be between 1 and 4, got \(maxOrder)")
        }
        self.maxOrder = maxOrder
        self.smoothing = smoothing
        self.smoothValue = smoothValue
        self.lowercase = lowercase
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        try statistics(hypothesis: hypothesis, references: references)
            .score(smoothing: smoothing, smoothValue: smoothValue, effectiveOrder: true)
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
        var total = BLEUStatistics.zero(order: maxOrder)
        for s in stats { total.add(s) }
        return MetricEvaluation(
            corpus: total.score(smoothing: smoothing, smoothValue: smoothValue, effectiveOrder: false),
            segments: stats.map { $0.score(smoothing: smoothing, smoothValue: smoothValue, effectiveOrder: true) })
    }

    /// The sufficient statistics of one segment.
    public func statistics(hypothesis: String, references: [String]) throws -> BLEUStatistics {
        guard !references.isEmpty else { throw EvalError.missingReference(metric: name) }
        var interner = TokenInterner<ArraySlice<UInt32>>()
        let hypIDs = interner.ids(tokenizer.tokenize(prepare(hypothesis)))
        var refLengths: [Int] = []
        var refCounts = Array(repeating: NGramTable(), count: maxOrder)
        for ref in references {
            let ids = interner.ids(tokenizer.tokenize(prepare(ref)))
            refLengths.append(ids.count)
            for n in 1...maxOrder {
                let counts = NGramCounter.words(ids, order: n)
                if refCounts[n - 1].isEmpty {
                    refCounts[n - 1] = counts
                } else {
                    refCounts[n - 1].formMax(counts)
                }
            }
        }
        var stats = BLEUStatistics.zero(order: maxOrder)
        stats.hypothesisLength = hypIDs.count
        stats.referenceLength = Self.closestLength(to: hypIDs.count, among: refLengths)
        for n in 1...maxOrder {
            let refs = refCounts[n - 1]
            for (gram, count) in NGramCounter.words(hypIDs, order: n) {
                stats.total[n - 1] += count
                if let refCount = refs[gram] { stats.correct[n - 1] += min(count, refCount) }
            }
        }
        return stats
    }

    private func prepare(_ s: String) -> String { lowercase ? PythonText.lowercased(s) : s }

    static func closestLength(to hypLength: Int, among lengths: [Int]) -> Int {
        var closestDiff = -1
        var closest = -1
        for length in lengths {
            let diff = abs(hypLength - length)
            if closestDiff == -1 || diff < closestDiff {
                closestDiff = diff
                closest = length
            } else if diff == closestDiff && length < closest {
                closest = length
            }
        }
        return closest
    }
}
