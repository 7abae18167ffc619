/// ROUGE-L as rouge-score computes it: the longest common subsequence of the whole token
/// sequences, over the prediction's length (precision) and the target's (recall).
public struct RougeLMetric: Metric {
    public let name = "rougeL"
    public let tokenizer: RougeTokenizer

    public init(useStemmer: Bool = false) {
        tokenizer = RougeTokenizer(useStemmer: useStemmer)
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        try RougeScore.best(prediction: hypothesis, references: references, metric: name, score: pairScore)
    }

    func pairScore(target: String, prediction: String) -> RougeScore {
        var interner = TokenInterner<[UInt8]>()
        let t = tokenizer.tokenIDs(target, interner: &interner)
        let p = tokenizer.tokenIDs(prediction, interner: &interner)
        guard !t.isEmpty && !p.isEmpty else { return .zero }
        let lcs = Double(LongestCommonSubsequence.length(t, p))
        return RougeScore(precision: lcs / Double(p.count), recall: lcs / Double(t.count))
    }
}
