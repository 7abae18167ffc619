import OpsCore

/// Turns Anthropic's streaming events into `chat.completion.chunk`s, one event at a time, so
/// each piece reaches the client as soon as Anthropic sends it.
///
/// `message_start` opens the message (a chunk with role `assistant`); text and tool-argument
/// deltas become content and tool-call deltas; `message_delta` carries the finish reason; and
/// `message_stop` ends with a usage chunk (empty `choices`), as OpenAI's `include_usage` does.
public struct AnthropicStreamTranslator: Sendable {
    private let created: Int
    private var id = ""
    private var model = ""
    private var usage = AnthropicUsage()
    /// Anthropic numbers all content blocks; OpenAI numbers tool calls alone.
    private var toolCallIndexByBlock: [Int: Int] = [:]
    /// Tool calls that have not streamed any argument text yet.
    private var toolCallsWithoutArguments: Set<Int> = []
    /// Whether `message_stop` arrived: a stream that ends before it was cut off.
    public private(set) var isComplete = false

    /// `created` is the Unix time every chunk reports: Anthropic does not send one.
    public init(created: Int) {
        self.created = created
    }

    /// The chunks one event produces (often one, sometimes none). An `error` event throws.
    public mutating func translate(_ event: SSEEvent) throws(OpsError) -> [ChatChunk] {
        if isComplete { return [] }
        let json: JSONValue
        do { json = try JSONParser.parse(event.data) } catch {
            throw OpsError(.upstreamUnavailable, "upstream anthropic sent a malformed stream event: \(error)",
                           code: "upstream_malformed")
        }
        switch json["type"]?.stringValue ?? event.event {
        case "message_start":
            let message = json["message"]
            id = message?["id"]?.stringValue ?? ""
            model = message?["model"]?.stringValue ?? ""
            if let usageJSON = message?["usage"] { usage.merge(usageJSON) }
            return [chunk(ChatDelta(role: "assistant", content: ""))]
        case "content_block_start":
            return startBlock(json["index"]?.intValue ?? 0, content: json["content_block"] ?? .null)
        case "content_block_delta":
            return continueBlock(json["index"]?.intValue ?? 0, delta: json["delta"] ?? .null)
        case "content_block_stop":
            let block = json["index"]?.intValue ?? 0
            guard let index = toolCallIndexByBlock[block], toolCallsWithoutArguments.remove(index) != nil else { return [] }
            // A tool called without arguments still needs JSON text a client can parse.
            return [chunk(ChatDelta(toolCalls: [ToolCallDelta(index: index, arguments: "{}")]))]
        case "message_delta":
            if let usageJSON = json["usage"] { usage.merge(usageJSON) }
            guard let stopReason = json["delta"]?["stop_reason"]?.stringValue else { return [] }
            return [chunk(ChatDelta(), finishReason: AnthropicResponseTranslator.finishReason(stopReason))]
        case "message_stop":
            isComplete = true
            return [ChatChunk(id: id, created: created, model: model, choices: [], usage: usage.usage)]
        case "error":
            let error = json["error"]
            let type = error?["type"]?.stringValue
            throw OpsError(.upstreamUnavailable,
                           "upstream anthropic stream error: \(error?["message"]?.stringValue ?? event.data)",
                           code: type, type: type)
        default:
            // `ping`, and event types Anthropic may add later, carry nothing for the client.
            return []
        }
    }

    private mutating func startBlock(_ block: Int, content: JSONValue) -> [ChatChunk] {
        switch content["type"]?.stringValue {
        case "text":
            guard let text = content["text"]?.stringValue, !text.isEmpty else { return [] }
            return [chunk(ChatDelta(content: text))]
        case "tool_use":
            let index = toolCallIndexByBlock.count
            toolCallIndexByBlock[block] = index
            var arguments = ""
            if let input = content["input"], input.objectValue?.isEmpty == false {
                arguments = input.serializedString()
            } else {
                toolCallsWithoutArguments.insert(index)
            }
            let call = ToolCallDelta(index: index, id: content["id"]?.stringValue ?? "", type: "function",
                                     name: content["name"]?.stringValue ?? "", arguments: arguments)
            return [chunk(ChatDelta(toolCalls: [call]))]
        default:
            return []
        }
    }

    private mutating func continueBlock(_ block: Int, delta: JSONValue) -> [ChatChunk] {
        switch delta["type"]?.stringValue {
        case "text_delta":
            guard let text = delta["text"]?.stringValue, !text.isEmpty else { return [] }
            return [chunk(ChatDelta(content: text))]
        case "input_json_delta":
            guard let index = toolCallIndexByBlock[block], let fragment = delta["partial_json"]?.stringValue,
                  !fragment.isEmpty else { return [] }
            toolCallsWithoutArguments.remove(index)
            return [chunk(ChatDelta(toolCalls: [ToolCallDelta(index: index, arguments: fragment)]))]
        default:
            // Thinking, signature and citation deltas have no chat completion equivalent.
            return []
        }
    }

    private func chunk(_ delta: ChatDelta, finishReason: String? = nil) -> ChatChunk {
        ChatChunk(id: id, created: created, model: model,
                  choices: [ChunkChoice(index: 0, delta: delta, finishReason: finishReason)])
    }
}
