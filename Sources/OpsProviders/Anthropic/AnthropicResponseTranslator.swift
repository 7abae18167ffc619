import OpsCore

/// Turns an Anthropic Messages API response into an OpenAI chat completion.
public enum AnthropicResponseTranslator {
    /// The chat completion for a Messages API response body. `created` is the Unix time to
    /// report: Anthropic does not send one.
    public static func response(from json: JSONValue, created: Int) throws(OpsError) -> ChatResponse {
        guard let blocks = json["content"]?.arrayValue else {
            throw OpsError(.upstreamUnavailable, "upstream anthropic response has no 'content' array",
                           code: "upstream_malformed")
        }
        var texts: [String] = []
        var toolCalls: [ToolCall] = []
        for block in blocks {
            switch block["type"]?.stringValue {
            case "text":
                if let text = block["text"]?.stringValue { texts.append(text) }
            case "tool_use":
                let input = block["input"] ?? .object(JSONObject())
                toolCalls.append(ToolCall(id: block["id"]?.stringValue ?? "", name: block["name"]?.stringValue ?? "",
                                          arguments: input.serializedString()))
            default:
                // Thinking and server-tool blocks have no place in a chat completion message.
                continue
            }
        }
        let text = texts.joined()
        // OpenAI sends `content: null` next to tool calls when the model said nothing.
        let content: MessageContent? = text.isEmpty && !toolCalls.isEmpty ? nil : .text(text)
        let message = ChatMessage(role: "assistant", content: content, toolCalls: toolCalls.isEmpty ? nil : toolCalls)
        return ChatResponse(id: json["id"]?.stringValue ?? "", created: created, model: json["model"]?.stringValue ?? "",
                            choices: [ChatChoice(index: 0, message: message,
                                                 finishReason: finishReason(json["stop_reason"]?.stringValue))],
                            usage: json["usage"].map { AnthropicUsage(json: $0).usage })
    }

    /// OpenAI's `finish_reason` for Anthropic's `stop_reason`.
    public static func finishReason(_ stopReason: String?) -> String? {
        switch stopReason {
        case nil: return nil
        case "max_tokens"?, "model_context_window_exceeded"?: return "length"
        case "tool_use"?: return "tool_calls"
        case "refusal"?: return "content_filter"
        // end_turn, stop_sequence, pause_turn and any reason added later: the model stopped.
        default: return "stop"
        }
    }
}
