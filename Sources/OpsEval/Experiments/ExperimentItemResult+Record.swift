import OpsCore

extension ExperimentItemResult {
    /// A result as the experiment store keeps it: headline scores with their reasons (a judge's,
    /// an external scorer's, why a pass/fail metric failed); components such as BLEU's precisions are not kept.
    public var record: ExperimentItemRecord {
        var scores = JSONObject()
        var reasons = JSONObject()
        for name in self.scores.keys.sorted() {
            scores[name] = .double(self.scores[name]!.value)
            if let reason = self.scores[name]!.reason { reasons[name] = .string(reason) }
        }
        var errors = JSONObject()
        for name in scoreErrors.keys.sorted() { errors[name] = .string(scoreErrors[name]!) }
        return ExperimentItemRecord(item: item, output: output?.text, latency: output?.latency, usage: output?.usage,
                                    cost: output?.cost, traceID: output?.traceID, scores: scores, scoreReasons: reasons,
                                    scoreErrors: errors, error: error)
    }

    /// A stored result read back (for summaries and comparisons across resumed runs).
    public init(record: ExperimentItemRecord) {
        var scores: [String: MetricScore] = [:]
        for (name, value) in record.scores {
            if let v = value.doubleValue { scores[name] = MetricScore(value: v, reason: record.scoreReasons[name]?.stringValue) }
        }
        var errors: [String: String] = [:]
        for (name, value) in record.scoreErrors { errors[name] = value.stringValue ?? value.serializedString() }
        let output = record.output.map {
            TargetOutput(text: $0, latency: record.latency ?? 0, usage: record.usage, cost: record.cost, traceID: record.traceID)
        }
        self.init(item: record.item, output: output, scores: scores, scoreErrors: errors, error: record.error)
    }
}
