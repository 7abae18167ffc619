/// Precision, recall and F-measure as rouge-score reports them, and its multi-reference rule.
struct RougeScore {
    var precision: Double
    var recall: Double
    var fmeasure: Double

    static let zero = RougeScore(precision: 0, recall: 0, fmeasure: 0)

    init(precision: Double, recall: Double) {
        self.precision = precision
        self.recall = recall
        self.fmeasure = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }

    init(precision: Double, recall: Double, fmeasure: Double) {
        self.precision = precision
        self.recall = recall
        self.fmeasure = fmeasure
    }

    var metricScore: MetricScore {
        MetricScore(value: fmeasure, details: [("precision", precision), ("recall", recall), ("fmeasure", fmeasure)])
    }

    /// `score_multi`: the score against the reference with the highest F-measure (first on ties).
    static func best(prediction: String, references: [String], metric: String,
                     score: (_ target: String, _ prediction: String) -> RougeScore) throws -> MetricScore {
        guard !references.isEmpty else { throw EvalError.missingReference(metric: metric) }
        var best: RougeScore?
        for ref in references {
            let s = score(ref, prediction)
            if best == nil || s.fmeasure > best!.fmeasure { best = s }
        }
        return best!.metricScore
    }
}
