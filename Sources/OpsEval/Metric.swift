/// A metric that scores one hypothesis against its references.
///
/// Every metric in OpsEval is usable on its own (the `llmops score` command) and from the experiment
/// runner, which only sees this protocol.
public protocol Metric: Sendable {
    /// The name used on the command line and in stored scores (`bleu`, `rougeL`, `exact`, …).
    var name: String { get }

    /// Scores one hypothesis against one or more references.
    /// Metrics that need no reference (JSON validity, schema, regex) ignore `references`.
    func score(hypothesis: String, references: [String]) throws -> MetricScore
}

/// A metric whose corpus score is computed from pooled statistics, not as the mean of sentence
/// scores (BLEU and chrF: sacrebleu sums n-gram counts over the corpus first).
public protocol CorpusMetric: Metric {
    /// Scores a whole corpus; `references[i]` are the references of `hypotheses[i]`.
    func corpusScore(hypotheses: [String], references: [[String]]) throws -> MetricScore
}

extension Metric {
    /// The corpus-level score: pooled statistics for a `CorpusMetric`, otherwise the mean of the
    /// sentence scores (each detail averaged the same way).
    public func aggregate(hypotheses: [String], references: [[String]]) throws -> MetricScore {
        if let corpus = self as? any CorpusMetric {
            return try corpus.corpusScore(hypotheses: hypotheses, references: references)
        }
        let scores = try zip(hypotheses, references).map { try score(hypothesis: $0, references: $1) }
        return MetricScore.mean(of: scores)
    }
}
