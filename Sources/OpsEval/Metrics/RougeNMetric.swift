/// ROUGE-N (rouge1, rouge2, …) as Google's rouge-score computes it: clipped n-gram overlap,
/// precision over the prediction's n-grams, recall over the target's.
public struct RougeNMetric: Metric {
    public let name: String
    /// The n-gram order, 1…4.
    public let n: Int
    public let tokenizer: RougeTokenizer

    public init(n: Int, useStemmer: Bool = false) throws {
        guard (1...4).contains(n) else { throw EvalError.invalidOption("ROUGE-N needs n between 1 and 4, got \(n)") }
        self.n = n
        self.name = "rouge\(n)"
        self.tokenizer = RougeTokenizer(useStemmer: useStemmer)
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        try RougeScore.best(prediction: hypothesis, references: references, metric: name, score: pairScore)
    }

    func pairScore(target: String, prediction: String) -> RougeScore {
        var interner = TokenInterner<[UInt8]>()
        let t = tokenizer.tokenIDs(target, interner: &interner)
        let p = tokenizer.tokenIDs(prediction, interner: &interner)
        let targetGrams = NGramCounter.words(t, order: n)
        let predictionGrams = NGramCounter.words(p, order: n)
        var overlap = 0
        for (gram, count) in targetGrams {
            overlap += min(count, predictionGrams[gram] ?? 0)
        }
        let targetTotal = max(t.count - n + 1, 0)
        let predictionTotal = max(p.count - n + 1, 0)
        return RougeScore(precision: Double(overlap) / Double(max(predictionTotal, 1)),
                          recall: Double(overlap) / Double(max(targetTotal, 1)))
    }
}
