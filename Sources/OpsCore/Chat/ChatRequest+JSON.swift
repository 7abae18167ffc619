extension ChatRequest {
    private static let modelled: Set<String> = [
        "model", "messages", "stream", "stream_options", "temperature", "top_p", "top_k", "max_tokens",
        "max_completion_tokens", "stop", "seed", "user", "n", "tools", "tool_choice", "metadata",
    ]

    /// Reads and validates a request body; errors name the field at fault.
    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json)
        let model = try fields.requiredString("model")
        guard let rawMessages = try fields.array("messages") else {
            throw .invalid("messages is required", param: "messages")
        }
        guard !rawMessages.isEmpty else { throw .invalid("messages must contain at least one message", param: "messages") }
        var messages: [ChatMessage] = []
        messages.reserveCapacity(rawMessages.count)
        for (i, m) in rawMessages.enumerated() { messages.append(try ChatMessage(json: m, path: "messages[\(i)]")) }

        var stop: [String] = []
        switch fields.object["stop"] {
        case nil, .null?: break
        case .string(let s)?: stop = [s]
        case .array(let items)?:
            for (i, item) in items.enumerated() {
                guard let s = item.stringValue else {
                    throw .invalid("stop[\(i)] must be a string, got \(item.typeDescription)", param: "stop")
                }
                stop.append(s)
            }
        case let other?:
            throw .invalid("stop must be a string or an array of strings, got \(other.typeDescription)", param: "stop")
        }
        var includeUsage = false
        if let options = try fields.objectValue("stream_options") {
            includeUsage = try JSONFields(.object(options), path: "stream_options").bool("include_usage") ?? false
        }
        var maxTokens = try fields.int("max_completion_tokens", in: 1...NumberRange.tokens.upperBound)
        if maxTokens == nil { maxTokens = try fields.int("max_tokens", in: 1...NumberRange.tokens.upperBound) }
        var extra = JSONObject()
        for (key, value) in fields.object where !Self.modelled.contains(key) { extra[key] = value }

        self.init(model: model, messages: messages, stream: try fields.bool("stream") ?? false,
                  includeUsageInStream: includeUsage,
                  temperature: try fields.double("temperature", in: 0...2), topP: try fields.double("top_p", in: 0...1),
                  topK: try fields.int("top_k", in: 0...1_000_000),
                  maxTokens: maxTokens,
                  stop: stop, seed: try fields.int("seed", in: Int.min...Int.max), user: try fields.string("user"), n: try fields.int("n", in: 1...128),
                  tools: try fields.array("tools"), toolChoice: fields.object["tool_choice"],
                  metadata: try fields.objectValue("metadata"), extra: extra)
    }

    /// The body to send an OpenAI-compatible upstream: everything the client sent, with the
    /// upstream's model name, without the gateway's own `metadata`.
    public func upstreamJSON(model upstreamModel: String) -> JSONValue {
        var o = JSONObject()
        o["model"] = .string(upstreamModel)
        o["messages"] = .array(messages.map(\.json))
        if stream {
            o["stream"] = true
            // Always ask for usage so traces have real token counts; the chunk is dropped
            // on the way back when the client did not ask for it.
            o["stream_options"] = ["include_usage": true]
        }
        if let temperature { o["temperature"] = .double(temperature) }
        if let topP { o["top_p"] = .double(topP) }
        if let maxTokens { o["max_tokens"] = .int(Int64(maxTokens)) }
        if !stop.isEmpty { o["stop"] = .array(stop.map { .string($0) }) }
        if let seed { o["seed"] = .int(Int64(seed)) }
        if let user { o["user"] = .string(user) }
        if let n { o["n"] = .int(Int64(n)) }
        if let tools { o["tools"] = .array(tools) }
        if let toolChoice { o["tool_choice"] = toolChoice }
        for (key, value) in extra { o[key] = value }
        return .object(o)
    }

    /// The request parameters recorded on a trace (everything except the messages).
    public var parametersJSON: JSONValue {
        var o = JSONObject()
        if stream { o["stream"] = true }
        if let temperature { o["temperature"] = .double(temperature) }
        if let topP { o["top_p"] = .double(topP) }
        if let topK { o["top_k"] = .int(Int64(topK)) }
        if let maxTokens { o["max_tokens"] = .int(Int64(maxTokens)) }
        if !stop.isEmpty { o["stop"] = .array(stop.map { .string($0) }) }
        if let seed { o["seed"] = .int(Int64(seed)) }
        if let n { o["n"] = .int(Int64(n)) }
        if let tools { o["tools"] = .array(tools) }
        if let toolChoice { o["tool_choice"] = toolChoice }
        for (key, value) in extra { o[key] = value }
        return .object(o)
    }
}
