import OpsCore

/// What a target returned for one item: the text the metrics score, and what it cost.
public struct TargetOutput: Sendable, Hashable {
    public var text: String
    /// Seconds from the call to its answer.
    public var latency: Double
    public var usage: Usage?
    /// In US dollars, when the price of the model is known.
    public var cost: Double?
    /// The trace of the call, so the result links to it.
    public var traceID: String?

    public init(text: String, latency: Double, usage: Usage? = nil, cost: Double? = nil, traceID: String? = nil) {
        self.text = text
        self.latency = latency
        self.usage = usage
        self.cost = cost
        self.traceID = traceID
    }
}
