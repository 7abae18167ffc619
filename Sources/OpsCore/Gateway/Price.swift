/// USD per million tokens, as providers publish their prices.
public struct Price: Sendable, Hashable {
    public var inputPerMTok: Double
    public var outputPerMTok: Double

    public init(inputPerMTok: Double, outputPerMTok: Double) {
        self.inputPerMTok = inputPerMTok
        self.outputPerMTok = outputPerMTok
    }

    /// What a call with these token counts costs.
    public func cost(of usage: Usage) -> Double {
        (Double(usage.promptTokens) * inputPerMTok + Double(usage.completionTokens) * outputPerMTok) / 1_000_000
    }
}
