extension DatasetItem {
    /// An item made from a recorded chat trace ("add to dataset" in the console and API): the
    /// request messages become the input, the answer's text the expected output, and the trace id
    /// and model go into the metadata so the item can be traced back.
    /// Fails when the trace has no messages to replay (an embeddings trace, an empty input).
    public init(trace: Trace) throws(OpsError) {
        guard case .array(let messages) = trace.input, !messages.isEmpty else {
            throw .invalid("Trace \(trace.id) has no chat messages to use as a dataset input", param: "trace_id")
        }
        var metadata = JSONObject()
        metadata["trace_id"] = .string(trace.id)
        if !trace.model.isEmpty { metadata["model"] = .string(trace.model) }
        self.init(input: .object(JSONObject([("messages", .array(messages))])),
                  expectedOutput: trace.output.map(Self.expectedOutput(from:)), metadata: metadata)
        _ = try self.messages()
    }

    /// The text of an assistant message (`{"role", "content"}`); any other output is kept as JSON.
    static func expectedOutput(from output: JSONValue) -> JSONValue {
        if case .object = output, let message = try? ChatMessage(json: output, path: "output"),
           message.content != nil, message.toolCalls == nil {
            return .string(message.text)
        }
        return output
    }
}
