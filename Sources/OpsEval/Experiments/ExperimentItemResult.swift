import OpsCore

/// The outcome of one dataset item in a run: the target's output and its scores, or the error that
/// stopped it. A failed item has no scores; it is left out of comparisons rather than scored 0.
public struct ExperimentItemResult: Sendable, Equatable {
    /// The item's index in the dataset version.
    public var item: Int
    public var output: TargetOutput?
    /// Scores by metric name.
    public var scores: [String: MetricScore]
    /// Metrics that could not score this output (e.g. a reference metric on an item without one).
    public var scoreErrors: [String: String]
    /// Why the target failed, if it did.
    public var error: String?

    public init(item: Int, output: TargetOutput? = nil, scores: [String: MetricScore] = [:],
                scoreErrors: [String: String] = [:], error: String? = nil) {
        self.item = item
        self.output = output
        self.scores = scores
        self.scoreErrors = scoreErrors
        self.error = error
    }

    public var succeeded: Bool { error == nil }

    /// The headline value of `metric`, if it was scored.
    public func score(_ metric: String) -> Double? { scores[metric]?.value }

    /// The result as stored and exported.
    public var json: JSONValue {
        var o = JSONObject()
        o["item"] = .int(Int64(item))
        if let output {
            o["output"] = .string(output.text)
            o["latency"] = .double(output.latency)
            if let usage = output.usage {
                o["usage"] = ["prompt_tokens": .int(Int64(usage.promptTokens)),
                              "completion_tokens": .int(Int64(usage.completionTokens))]
            }
            if let cost = output.cost { o["cost"] = .double(cost) }
            if let traceID = output.traceID { o["trace_id"] = .string(traceID) }
        }
        var scoreObject = JSONObject()
        for name in scores.keys.sorted() { scoreObject[name] = .double(scores[name]!.value) }
        o["scores"] = .object(scoreObject)
        if !scoreErrors.isEmpty {
            o["score_errors"] = .object(JSONObject(scoreErrors.keys.sorted().map { ($0, .string(scoreErrors[$0]!)) }))
        }
        if let error { o["error"] = .string(error) }
        return .object(o)
    }
}

/// How far a run has got, reported after every item.
public struct ExperimentProgress: Sendable, Hashable {
    /// Items finished in this run (succeeded or failed), not counting those skipped as already done.
    public var completed: Int
    public var failed: Int
    /// Items this run has to do: the dataset minus the already finished ones.
    public var total: Int
    /// Items skipped because an earlier, interrupted run finished them.
    public var skipped: Int

    public var fraction: Double { total == 0 ? 1 : Double(completed) / Double(total) }
}
