import Foundation

/// A minimum score for a metric's mean, as `--fail-under bleu=30` writes it.
public struct CIThreshold: Sendable, Hashable, CustomStringConvertible {
    public var metric: String
    /// The run fails when the metric's mean is below this (BLEU and chrF on 0–100, others on 0–1).
    public var minimum: Double

    public init(metric: String, minimum: Double) {
        self.metric = metric
        self.minimum = minimum
    }

    /// Parses `METRIC=VALUE`; with `knownMetrics`, an unknown metric name is an error listing them.
    public init(parsing text: String, knownMetrics: [String]? = nil) throws {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw EvalError.invalidOption("threshold '\(text)' has no '='; write METRIC=VALUE, e.g. bleu=30")
        }
        let metric = parts[0].trimmingCharacters(in: .whitespaces)
        let valueText = parts[1].trimmingCharacters(in: .whitespaces)
        guard !metric.isEmpty else {
            throw EvalError.invalidOption("threshold '\(text)' has no metric before '='; write METRIC=VALUE, e.g. bleu=30")
        }
        if let knownMetrics, !knownMetrics.contains(metric) {
            throw EvalError.invalidOption("threshold '\(text)' names metric '\(metric)', which this run does not "
                                          + "compute; metrics: \(knownMetrics.joined(separator: ", "))")
        }
        guard let value = Double(valueText), value.isFinite else {
            throw EvalError.invalidOption("threshold '\(text)': '\(valueText)' is not a number")
        }
        self.init(metric: metric, minimum: value)
    }

    public var description: String { "\(metric)=\(CIGate.format(minimum))" }
}
