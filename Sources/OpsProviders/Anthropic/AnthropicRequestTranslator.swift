import OpsCore

/// Turns an OpenAI chat completion request into an Anthropic Messages API body.
///
/// Anthropic differs from OpenAI in ways a client should not have to know: the system prompt is
/// a top-level field, turns must alternate between `user` and `assistant`, tool results are user
/// content blocks, and `max_tokens` is required. Anything that cannot be expressed is a 400 that
/// names the request field at fault.
public enum AnthropicRequestTranslator {
    /// `max_tokens` sent when the client gave none; Anthropic requires one.
    public static let defaultMaxTokens = 4096

    /// The Messages API body for `request`, addressed to the upstream's `model`.
    public static func body(for request: ChatRequest, model: String) throws(OpsError) -> JSONValue {
        if let n = request.n, n != 1 {
            throw .invalid("n must be 1 for Anthropic models, got \(n)", param: "n")
        }
        var system: [String] = []
        var turns: [(role: String, blocks: [JSONValue])] = []
        for (i, message) in request.messages.enumerated() {
            let path = "messages[\(i)]"
            let role: String
            let blocks: [JSONValue]
            switch message.role {
            case "system", "developer":
                let text = try systemText(message, path: path)
                if !text.isEmpty { system.append(text) }
                continue
            case "user":
                role = "user"
                blocks = try contentBlocks(message.content, path: "\(path).content")
            case "assistant":
                role = "assistant"
                blocks = try assistantBlocks(message, path: path)
            case "tool":
                role = "user"
                blocks = [try toolResultBlock(message, path: path)]
            default:
                throw .invalid("\(path).role '\(message.role)' is not supported by Anthropic models; use 'tool'",
                               param: "\(path).role")
            }
            // Empty turns are dropped: Anthropic rejects empty content, and dropping one may
            // leave two same-role turns next to each other, which the merge below joins.
            guard !blocks.isEmpty else { continue }
            if let last = turns.last, last.role == role {
                turns[turns.count - 1].blocks.append(contentsOf: blocks)
            } else {
                turns.append((role, blocks))
            }
        }

        var o = JSONObject()
        o["model"] = .string(model)
        if !system.isEmpty { o["system"] = .string(system.joined(separator: "\n\n")) }
        o["messages"] = .array(turns.map { ["role": .string($0.role), "content": .array($0.blocks)] })
        o["max_tokens"] = .int(Int64(request.maxTokens ?? defaultMaxTokens))
        if !request.stop.isEmpty { o["stop_sequences"] = .array(request.stop.map { .string($0) }) }
        if let temperature = request.temperature { o["temperature"] = .double(temperature) }
        if let topP = request.topP { o["top_p"] = .double(topP) }
        if let topK = request.topK { o["top_k"] = .int(Int64(topK)) }
        if let user = request.user { o["metadata"] = ["user_id": .string(user)] }
        let tools = request.tools ?? []
        if !tools.isEmpty { o["tools"] = .array(try anthropicTools(tools)) }
        let parallel = request.extra["parallel_tool_calls"]?.boolValue
        if let choice = try anthropicToolChoice(request.toolChoice, parallelToolCalls: parallel, hasTools: !tools.isEmpty) {
            o["tool_choice"] = choice
        }
        if request.stream { o["stream"] = true }
        return .object(o)
    }

    /// The text of a system or developer message; only text parts can go into `system`.
    private static func systemText(_ message: ChatMessage, path: String) throws(OpsError) -> String {
        switch message.content {
        case nil: return ""
        case .text(let s)?: return s
        case .parts(let parts)?:
            var texts: [String] = []
            for (j, part) in parts.enumerated() {
                guard part["type"]?.stringValue == "text", let text = part["text"]?.stringValue else {
                    throw .invalid("\(path).content[\(j)] must be a text part: Anthropic system prompts hold text only",
                                   param: "\(path).content[\(j)]")
                }
                texts.append(text)
            }
            return texts.joined(separator: "\n")
        }
    }
}
