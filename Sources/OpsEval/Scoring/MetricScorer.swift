/// A text metric (BLEU, exact, regex, …) as an `ItemScorer`: scores the output against the item's
/// references, synchronously.
public struct MetricScorer: ItemScorer {
    public let metric: any Metric

    public init(_ metric: any Metric) {
        self.metric = metric
    }

    public var name: String { metric.name }

    public func score(_ subject: ScoringSubject) async throws -> MetricScore {
        try metric.score(hypothesis: subject.output, references: subject.item.references)
    }
}
