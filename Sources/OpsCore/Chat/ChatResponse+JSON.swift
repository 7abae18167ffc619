extension ChatResponse {
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["object"] = "chat.completion"
        o["created"] = .int(Int64(created))
        o["model"] = .string(model)
        o["choices"] = .array(choices.map { choice in
            var c = JSONObject()
            c["index"] = .int(Int64(choice.index))
            c["message"] = choice.message.json
            c["logprobs"] = choice.logprobs ?? .null
            c["finish_reason"] = choice.finishReason.map { .string($0) } ?? .null
            return .object(c)
        })
        if let usage { o["usage"] = usage.json }
        if let systemFingerprint { o["system_fingerprint"] = .string(systemFingerprint) }
        return .object(o)
    }

    /// Reads an upstream's response; a body that is not a chat completion is a protocol error.
    public init(json: JSONValue) throws(OpsError) {
        guard let choices = json["choices"]?.arrayValue else {
            throw OpsError(.upstreamUnavailable, "upstream response has no 'choices' array")
        }
        var parsed: [ChatChoice] = []
        for (i, c) in choices.enumerated() {
            let message: ChatMessage
            do {
                message = try ChatMessage(json: c["message"] ?? .null, path: "choices[\(i)].message")
            } catch {
                throw OpsError(.upstreamUnavailable, "upstream response is malformed: \(error.message)")
            }
            parsed.append(ChatChoice(index: c["index"]?.intValue ?? i, message: message,
                                     finishReason: c["finish_reason"]?.stringValue, logprobs: c["logprobs"].flatMap { $0.isNull ? nil : $0 }))
        }
        self.init(id: json["id"]?.stringValue ?? "", created: json["created"]?.intValue ?? 0,
                  model: json["model"]?.stringValue ?? "", choices: parsed, usage: json["usage"].flatMap(Usage.init(json:)),
                  systemFingerprint: json["system_fingerprint"]?.stringValue)
    }
}

extension Usage {
    public var json: JSONValue {
        ["prompt_tokens": .int(Int64(promptTokens)), "completion_tokens": .int(Int64(completionTokens)),
         "total_tokens": .int(Int64(totalTokens))]
    }

    public init?(json: JSONValue) {
        guard let prompt = json["prompt_tokens"]?.intValue else { return nil }
        self.init(promptTokens: prompt, completionTokens: json["completion_tokens"]?.intValue ?? 0)
    }
}
