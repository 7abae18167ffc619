extension ChatChunk {
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["object"] = "chat.completion.chunk"
        o["created"] = .int(Int64(created))
        o["model"] = .string(model)
        if let systemFingerprint { o["system_fingerprint"] = .string(systemFingerprint) }
        o["choices"] = .array(choices.map { choice in
            var d = JSONObject()
            if let role = choice.delta.role { d["role"] = .string(role) }
            if let content = choice.delta.content { d["content"] = .string(content) }
            if let calls = choice.delta.toolCalls { d["tool_calls"] = .array(calls.map(\.json)) }
            if let refusal = choice.delta.refusal { d["refusal"] = .string(refusal) }
            return ["index": .int(Int64(choice.index)), "delta": .object(d), "logprobs": .null,
                    "finish_reason": choice.finishReason.map { .string($0) } ?? .null]
        })
        if let usage { o["usage"] = usage.json }
        return .object(o)
    }

    /// Reads one upstream chunk.
    public init(json: JSONValue) throws(OpsError) {
        guard let choices = json["choices"]?.arrayValue else {
            throw OpsError(.upstreamUnavailable, "upstream stream chunk has no 'choices' array")
        }
        let parsed = choices.enumerated().map { i, c in
            let delta = c["delta"]
            return ChunkChoice(index: c["index"]?.intValue ?? i,
                               delta: ChatDelta(role: delta?["role"]?.stringValue, content: delta?["content"]?.stringValue,
                                                toolCalls: delta?["tool_calls"]?.arrayValue?.map(ToolCallDelta.init(json:)),
                                                refusal: delta?["refusal"]?.stringValue),
                               finishReason: c["finish_reason"]?.stringValue)
        }
        self.init(id: json["id"]?.stringValue ?? "", created: json["created"]?.intValue ?? 0,
                  model: json["model"]?.stringValue ?? "", choices: parsed,
                  usage: json["usage"].flatMap(Usage.init(json:)), systemFingerprint: json["system_fingerprint"]?.stringValue)
    }
}
