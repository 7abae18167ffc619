import OpsCore

/// Replays a cached (non-streamed) answer as a stream, so a streaming client can be served from
/// cache: a role chunk, one content chunk per choice, a finish chunk, and usage when asked for.
public enum CachedStream {
    /// The chunks, in the order OpenAI sends them.
    public static func chunks(from response: ChatResponse, includeUsage: Bool) -> [ChatChunk] {
        func chunk(_ choices: [ChunkChoice], usage: Usage? = nil) -> ChatChunk {
            ChatChunk(id: response.id, created: response.created, model: response.model, choices: choices, usage: usage,
                      systemFingerprint: response.systemFingerprint)
        }
        var out: [ChatChunk] = []
        for choice in response.choices {
            let message = choice.message
            out.append(chunk([ChunkChoice(index: choice.index, delta: ChatDelta(role: message.role, content: ""))]))
            let toolCalls = message.toolCalls?.enumerated().map { index, call in
                ToolCallDelta(index: index, id: call.id, type: call.type, name: call.name, arguments: call.arguments)
            }
            let text = message.content?.text
            if (text?.isEmpty == false) || toolCalls != nil || message.refusal != nil {
                out.append(chunk([ChunkChoice(index: choice.index, delta: ChatDelta(
                    content: text?.isEmpty == false ? text : nil, toolCalls: toolCalls, refusal: message.refusal))]))
            }
            out.append(chunk([ChunkChoice(index: choice.index, delta: ChatDelta(), finishReason: choice.finishReason ?? "stop")]))
        }
        if includeUsage, let usage = response.usage { out.append(chunk([], usage: usage)) }
        return out
    }

    /// The same chunks as an `AsyncThrowingStream`, the shape the server's stream responder reads.
    public static func stream(from response: ChatResponse, includeUsage: Bool) -> AsyncThrowingStream<ChatChunk, Error> {
        let all = chunks(from: response, includeUsage: includeUsage)
        return AsyncThrowingStream { continuation in
            for chunk in all { continuation.yield(chunk) }
            continuation.finish()
        }
    }
}
