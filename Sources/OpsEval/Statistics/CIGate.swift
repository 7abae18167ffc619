import Foundation

/// Decides whether an evaluation run may ship: every metric mean must reach its threshold, and,
/// when a baseline run is given, no metric may be significantly worse than the baseline
/// (a negative mean difference with a Wilcoxon p-value below `alpha`).
public struct CIGate: Sendable, Hashable {
    /// One check and its outcome.
    public struct Check: Sendable, Hashable {
        /// A metric mean against its threshold, or a run against its baseline.
        public enum Kind: String, Sendable, Hashable {
            case threshold
            case regression
        }

        public var kind: Kind
        public var metric: String
        public var passed: Bool
        /// What was checked and what was found, e.g. `bleu 27.31 < 30 (threshold)`.
        public var message: String
    }

    /// The gate's decision.
    public struct Outcome: Sendable, Hashable {
        public var checks: [Check]
        public var passed: Bool { checks.allSatisfy(\.passed) }
        /// The messages of the failed checks: why the run did not pass.
        public var reasons: [String] { checks.filter { !$0.passed }.map(\.message) }
    }

    public var thresholds: [CIThreshold]
    public var alpha: Double

    public init(thresholds: [CIThreshold] = [], alpha: Double = 0.05) {
        self.thresholds = thresholds
        self.alpha = alpha
    }

    /// Checks `means` (metric → the run's mean score) against the thresholds and, per metric,
    /// the comparisons against a baseline run. A threshold whose metric has no mean fails.
    public func evaluate(means: [String: Double], comparisons: [String: PairedComparison] = [:]) -> Outcome {
        var checks: [Check] = []
        for threshold in thresholds {
            guard let mean = means[threshold.metric] else {
                checks.append(Check(kind: .threshold, metric: threshold.metric, passed: false,
                                    message: "\(threshold.metric): no scores (threshold \(Self.format(threshold.minimum)))"))
                continue
            }
            let passed = mean >= threshold.minimum
            checks.append(Check(kind: .threshold, metric: threshold.metric, passed: passed,
                                message: "\(threshold.metric) \(Self.format(mean)) \(passed ? ">=" : "<") "
                                    + "\(Self.format(threshold.minimum)) (threshold)"))
        }
        for metric in comparisons.keys.sorted() {
            let comparison = comparisons[metric]!
            let regressed = comparison.isSignificantRegression(alpha: alpha)
            let change = "\(Self.format(comparison.meanBaseline)) -> \(Self.format(comparison.meanCandidate))"
            let detail = "difference \(Self.format(comparison.meanDifference)), 95% CI [\(Self.format(comparison.interval.lower)), "
                + "\(Self.format(comparison.interval.upper))], Wilcoxon p=\(Self.formatP(comparison.wilcoxon.pValue)), "
                + "\(comparison.regressions.count) of \(comparison.count) items worse"
            checks.append(Check(kind: .regression, metric: metric, passed: !regressed,
                                message: "\(metric) \(change) vs baseline: "
                                    + (regressed ? "significant regression" : "no significant regression") + " (\(detail))"))
        }
        return Outcome(checks: checks)
    }

    /// A p-value: 4 decimals, or scientific notation when smaller than 0.0001 (never a bare 0).
    static func formatP(_ p: Double) -> String {
        p >= 0.0001 || p == 0 ? format(p) : String(format: "%.2e", p)
    }

    /// Up to 4 decimals, without trailing zeros: 30, 27.3125, 0.0012.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
