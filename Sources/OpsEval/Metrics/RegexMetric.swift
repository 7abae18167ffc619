/// 1 when the hypothesis matches a regular expression (anywhere in it, or as a whole), else 0.
/// The pattern is fixed when the metric is made, so an invalid one fails before any scoring.
public struct RegexMetric: Metric {
    public let name = "regex"
    public let pattern: CompiledPattern

    /// Compiles `pattern` (ICU syntax); an invalid pattern throws `EvalError.invalidPattern`
    /// with the pattern and what is wrong with it.
    public init(pattern: String, caseInsensitive: Bool = false, wholeText: Bool = false) throws {
        self.pattern = try CompiledPattern(pattern, caseInsensitive: caseInsensitive, wholeText: wholeText)
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        .pass(pattern.matches(hypothesis), reason: "the output does not match /\(pattern.pattern)/")
    }
}
