/// The errors OpsEval raises. Messages are written for the person who passed the input.
public enum EvalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A regular expression that does not compile.
    case invalidPattern(pattern: String, reason: String)
    /// A JSON Schema that cannot be used (not JSON, a `$ref` that does not resolve, …).
    case invalidSchema(String)
    /// A metric name that is not known; carries the valid names.
    case unknownMetric(String, valid: [String])
    /// A metric that needs at least one reference got none.
    case missingReference(metric: String)
    /// A metric option out of range (e.g. a BLEU order above 4).
    case invalidOption(String)
    /// Hypotheses and references of different lengths, or an embedder that returned too few vectors.
    case countMismatch(String)
    /// A judge's answer that does not parse, is out of the rubric's range, or a judge call that failed.
    case judgeAnswer(String)
    /// An external scorer that failed, timed out or answered something unusable (the message names it).
    case scorerFailed(String)

    public var description: String {
        switch self {
        case .invalidPattern(let pattern, let reason):
            return "invalid regular expression \(quoted(pattern)): \(reason)"
        case .invalidSchema(let reason):
            return "invalid JSON Schema: \(reason)"
        case .unknownMetric(let name, let valid):
            return "unknown metric \(quoted(name)); valid metrics: \(valid.joined(separator: ", "))"
        case .missingReference(let metric):
            return "metric \(metric) needs at least one reference"
        case .invalidOption(let reason), .countMismatch(let reason), .judgeAnswer(let reason), .scorerFailed(let reason):
            return reason
        }
    }

    private func quoted(_ s: String) -> String { "'\(s)'" }
}
