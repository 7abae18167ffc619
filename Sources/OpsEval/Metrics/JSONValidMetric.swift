import OpsCore

/// 1 when the hypothesis is one valid JSON document (RFC 8259), else 0 with the parse error.
public struct JSONValidMetric: Metric {
    public let name = "json_valid"

    public init() {}

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        do {
            _ = try JSONParser.parse(hypothesis)
            return .pass(true)
        } catch {
            return .pass(false, reason: "not valid JSON: \(error)")
        }
    }
}
