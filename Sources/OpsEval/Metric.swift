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

    /// Scores every pair and the whole corpus; `references[i]` are the references of `hypotheses[i]`.
    /// The default scores pairs in parallel and takes their mean as the corpus score.
    func evaluate(hypotheses: [String], references: [[String]]) throws -> MetricEvaluation
}

/// A metric whose corpus score is computed from pooled statistics, not as the mean of sentence
/// scores (BLEU and chrF: sacrebleu sums n-gram counts over the corpus first).
public protocol CorpusMetric: Metric {
    /// Scores a whole corpus; `references[i]` are the references of `hypotheses[i]`.
    func corpusScore(hypotheses: [String], references: [[String]]) throws -> MetricScore
}

/// Scores of a corpus: the corpus-level score and one score per pair.
public struct MetricEvaluation: Sendable, Equatable {
    /// The corpus-level score (pooled statistics or the mean of the segments).
    public var corpus: MetricScore
    /// One score per hypothesis, in input order.
    public var segments: [MetricScore]

    public init(corpus: MetricScore, segments: [MetricScore]) {
        self.corpus = corpus
        self.segments = segments
    }
}

extension Metric {
    public func evaluate(hypotheses: [String], references: [[String]]) throws -> MetricEvaluation {
        try checkCounts(hypotheses, references)
        let segments = try ParallelMap.map(hypotheses.count) { i in
            try score(hypothesis: hypotheses[i], references: references[i])
        }
        if let corpus = self as? any CorpusMetric {
            return MetricEvaluation(corpus: try corpus.corpusScore(hypotheses: hypotheses, references: references),
                                    segments: segments)
        }
        return MetricEvaluation(corpus: MetricScore.mean(of: segments), segments: segments)
    }
}

/// Hypotheses and references must pair up one to one.
func checkCounts(_ hypotheses: [String], _ references: [[String]]) throws {
    guard hypotheses.count == references.count else {
        throw EvalError.countMismatch(
            "\(hypotheses.count) hypotheses but \(references.count) reference sets; they must pair up one to one")
    }
}
