/// The stored result of one dataset item in an experiment run: the target's output with its
/// latency, tokens, cost and trace, the metric scores, or the error that stopped it.
public struct ExperimentItemRecord: Sendable, Hashable {
    /// The item's index in the dataset version.
    public var item: Int
    public var output: String?
    /// Seconds.
    public var latency: Double?
    public var usage: Usage?
    /// US dollars, when known.
    public var cost: Double?
    public var traceID: String?
    /// Metric name → headline score, in the plan's metric order.
    public var scores: JSONObject
    /// Metric name → why it gave that score (a judge's reason, a failed check), for scores that have one.
    public var scoreReasons: JSONObject
    /// Metric name → why it could not score this output.
    public var scoreErrors: JSONObject
    /// Why the target failed, if it did.
    public var error: String?

    public init(item: Int, output: String? = nil, latency: Double? = nil, usage: Usage? = nil, cost: Double? = nil,
                traceID: String? = nil, scores: JSONObject = JSONObject(), scoreReasons: JSONObject = JSONObject(),
                scoreErrors: JSONObject = JSONObject(), error: String? = nil) {
        self.item = item
        self.output = output
        self.latency = latency
        self.usage = usage
        self.cost = cost
        self.traceID = traceID
        self.scores = scores
        self.scoreReasons = scoreReasons
        self.scoreErrors = scoreErrors
        self.error = error
    }

    /// Reads one result of an API body; `path` names it in errors (`items[3]`).
    public init(json: JSONValue, path: String) throws(OpsError) {
        let fields = try JSONFields(json, path: path)
        let known: Set<String> = ["item", "output", "latency", "usage", "cost", "trace_id", "scores", "score_reasons", "score_errors",
                                  "error"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("\(path).\(unknown) is not an item result field", param: "\(path).\(unknown)")
        }
        guard let item = try fields.int("item", in: NumberRange.index) else {
            throw .invalid("\(path).item is required", param: "\(path).item")
        }
        var usage: Usage?
        if let object = try fields.objectValue("usage") {
            let usageFields = try JSONFields(.object(object), path: "\(path).usage")
            usage = Usage(promptTokens: try usageFields.int("prompt_tokens", in: NumberRange.tokens) ?? 0,
                          completionTokens: try usageFields.int("completion_tokens", in: NumberRange.tokens) ?? 0)
        }
        let scores = try fields.objectValue("scores") ?? JSONObject()
        for (name, value) in scores where !(value.doubleValue.map { abs($0) <= NumberRange.score } ?? false) {
            throw .invalid("\(path).scores.\(name) must be a number from -1e15 to 1e15, got \(value.typeDescription)", param: "\(path).scores.\(name)")
        }
        let scoreReasons = try fields.objectValue("score_reasons") ?? JSONObject()
        for (name, value) in scoreReasons {
            guard value.stringValue != nil else {
                throw .invalid("\(path).score_reasons.\(name) must be a string", param: "\(path).score_reasons.\(name)")
            }
            guard scores[name] != nil else {
                throw .invalid("\(path).score_reasons.\(name) explains a score the item does not have", param: "\(path).score_reasons.\(name)")
            }
        }
        let scoreErrors = try fields.objectValue("score_errors") ?? JSONObject()
        for (name, value) in scoreErrors where value.stringValue == nil {
            throw .invalid("\(path).score_errors.\(name) must be a string", param: "\(path).score_errors.\(name)")
        }
        self.init(item: item, output: try fields.string("output"), latency: try fields.double("latency", in: NumberRange.milliseconds), usage: usage,
                  cost: try fields.double("cost", in: NumberRange.usd), traceID: try fields.string("trace_id"), scores: scores,
                  scoreReasons: scoreReasons, scoreErrors: scoreErrors, error: try fields.string("error"))
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["item"] = .int(Int64(item))
        if let output { o["output"] = .string(output) }
        if let latency { o["latency"] = .double(latency) }
        if let usage {
            o["usage"] = ["prompt_tokens": .int(Int64(usage.promptTokens)), "completion_tokens": .int(Int64(usage.completionTokens))]
        }
        if let cost { o["cost"] = .double(cost) }
        if let traceID { o["trace_id"] = .string(traceID) }
        o["scores"] = .object(scores)
        if !scoreReasons.isEmpty { o["score_reasons"] = .object(scoreReasons) }
        if !scoreErrors.isEmpty { o["score_errors"] = .object(scoreErrors) }
        if let error { o["error"] = .string(error) }
        return .object(o)
    }
}
