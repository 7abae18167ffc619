/// ROUGE-Lsum as rouge-score computes it: summary-level LCS. Texts split into sentences on
/// newlines; each target sentence takes the union of its LCS with every predicted sentence, and a
/// token counts as a hit at most as often as it occurs on both sides.
public struct RougeLsumMetric: Metric {
    public let name = "rougeLsum"
    public let tokenizer: RougeTokenizer

    public init(useStemmer: Bool = false) {
        tokenizer = RougeTokenizer(useStemmer: useStemmer)
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        try RougeScore.best(prediction: hypothesis, references: references, metric: name, score: pairScore)
    }

    func pairScore(target: String, prediction: String) -> RougeScore {
        var interner = TokenInterner<[UInt8]>()
        let refSents = Self.sentences(target).map { tokenizer.tokenIDs($0, interner: &interner) }
        let canSents = Self.sentences(prediction).map { tokenizer.tokenIDs($0, interner: &interner) }
        guard !refSents.isEmpty && !canSents.isEmpty else { return .zero }
        let m = refSents.reduce(0) { $0 + $1.count }
        let n = canSents.reduce(0) { $0 + $1.count }
        guard m > 0 && n > 0 else { return .zero }
        var refCounts: [Int32: Int] = [:]
        var canCounts: [Int32: Int] = [:]
        for s in refSents { for t in s { refCounts[t, default: 0] += 1 } }
        for s in canSents { for t in s { canCounts[t, default: 0] += 1 } }
        var hits = 0
        for ref in refSents {
            var union = Set<Int>()
            for can in canSents {
                union.formUnion(LongestCommonSubsequence(ref, can).referenceIndices(ref, can))
            }
            for index in union.sorted() {
                let token = ref[index]
                if let c = canCounts[token], c > 0, let r = refCounts[token], r > 0 {
                    hits += 1
                    canCounts[token] = c - 1
                    refCounts[token] = r - 1
                }
            }
        }
        return RougeScore(precision: Double(hits) / Double(n), recall: Double(hits) / Double(m))
    }

    /// rouge-score's `text.split("\n")` keeping non-empty pieces (a piece of spaces still counts).
    /// Splits on the code point, so `\r\n` leaves a `\r` behind as Python does.
    static func sentences(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true).map { String($0) }
    }
}
