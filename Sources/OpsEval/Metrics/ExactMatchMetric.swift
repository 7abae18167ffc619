/// 1 when the hypothesis equals one of the references after normalization, else 0.
public struct ExactMatchMetric: Metric {
    public let name = "exact"
    public var normalization: TextNormalization

    public init(normalization: TextNormalization = .none) {
        self.normalization = normalization
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        guard !references.isEmpty else { throw EvalError.missingReference(metric: name) }
        let hyp = normalization.apply(hypothesis)
        let matched = references.contains { normalization.apply($0) == hyp }
        return .pass(matched, reason: "the output equals none of the \(references.count) reference(s)")
    }
}
