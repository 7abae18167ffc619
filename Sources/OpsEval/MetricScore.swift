/// The result of scoring: one headline value plus the components that explain it.
public struct MetricScore: Sendable, Equatable {
    /// The headline value: BLEU and chrF on 0–100 as sacrebleu prints them, everything else on 0–1.
    public var value: Double
    /// Named components (`precision`, `recall`, `bp`, `distance`, …), in a stable order.
    public var details: [(name: String, value: Double)]
    /// Why a pass/fail metric failed (the schema violation, the missing substring), if it did.
    public var reason: String?

    public init(value: Double, details: [(name: String, value: Double)] = [], reason: String? = nil) {
        self.value = value
        self.details = details
        self.reason = reason
    }

    /// The component called `name`, if present.
    public func detail(_ name: String) -> Double? {
        details.first { $0.name == name }?.value
    }

    public static func == (lhs: MetricScore, rhs: MetricScore) -> Bool {
        lhs.value == rhs.value && lhs.reason == rhs.reason
            && lhs.details.map(\.name) == rhs.details.map(\.name)
            && lhs.details.map(\.value) == rhs.details.map(\.value)
    }

    /// A 1 or 0 score for pass/fail metrics.
    public static func pass(_ passed: Bool, reason: String? = nil) -> MetricScore {
        MetricScore(value: passed ? 1 : 0, reason: passed ? nil : reason)
    }

    /// The mean of `scores`, detail by detail (details are matched by name of the first score).
    public static func mean(of scores: [MetricScore]) -> MetricScore {
        guard let first = scores.first else { return MetricScore(value: 0) }
        let n = Double(scores.count)
        let value = scores.reduce(0) { $0 + $1.value } / n
        let details = first.details.map { detail in
            (name: detail.name, value: scores.reduce(0) { $0 + ($1.detail(detail.name) ?? 0) } / n)
        }
        return MetricScore(value: value, details: details)
    }
}
