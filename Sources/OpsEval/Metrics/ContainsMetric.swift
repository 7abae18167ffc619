/// Substring checks: the hypothesis must contain the references (`contains`) or none of them
/// (`not_contains`). With several references, `contains` needs all of them or any one, as chosen.
public struct ContainsMetric: Metric {
    /// What the references must do: all occur, at least one occur, or none occur.
    public enum Mode: Sendable { case containsAll, containsAny, containsNone }

    public let name: String
    public var mode: Mode
    public var normalization: TextNormalization

    public init(mode: Mode = .containsAll, normalization: TextNormalization = .none) {
        self.mode = mode
        self.normalization = normalization
        self.name = mode == .containsNone ? "not_contains" : "contains"
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        guard !references.isEmpty else { throw EvalError.missingReference(metric: name) }
        let hyp = normalization.apply(hypothesis)
        // Substring search on code points: `String.contains` would refuse to match inside a
        // grapheme cluster, which surprises people checking for an accent-free stem.
        let found = references.map { Self.contains(hyp, normalization.apply($0)) }
        switch mode {
        case .containsAll:
            let missing = zip(references, found).filter { !$0.1 }.map { "\"\($0.0)\"" }
            return .pass(missing.isEmpty, reason: "the output does not contain " + missing.joined(separator: ", "))
        case .containsAny:
            return .pass(found.contains(true), reason: "the output contains none of the \(references.count) reference(s)")
        case .containsNone:
            let present = zip(references, found).filter { $0.1 }.map { "\"\($0.0)\"" }
            return .pass(present.isEmpty, reason: "the output contains " + present.joined(separator: ", "))
        }
    }

    static func contains(_ text: String, _ needle: String) -> Bool {
        let hay = Array(text.unicodeScalars)
        let pin = Array(needle.unicodeScalars)
        if pin.isEmpty { return true }
        guard hay.count >= pin.count else { return false }
        for start in 0...(hay.count - pin.count) where hay[start] == pin[0] {
            if hay[start..<(start + pin.count)].elementsEqual(pin) { return true }
        }
        return false
    }
}
