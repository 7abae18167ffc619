import OpsCore

/// Rebuilds the whole assistant message from streamed chunks, for the trace.
struct StreamAssembler {
    private(set) var text = ""
    private(set) var toolCalls: [Int: ToolCall] = [:]
    private(set) var finishReason: String?
    private(set) var usage: Usage?
    private(set) var model: String?
    private(set) var chunkCount = 0
    private(set) var id: String?
    private(set) var created: Int?

    mutating func add(_ chunk: ChatChunk) {
        chunkCount += 1
        if id == nil, !chunk.id.isEmpty { (id, created) = (chunk.id, chunk.created) }
        if model == nil, !chunk.model.isEmpty { model = chunk.model }
        if let u = chunk.usage { usage = u }
        for choice in chunk.choices where choice.index == 0 {
            if let content = choice.delta.content { text += content }
            for delta in choice.delta.toolCalls ?? [] {
                var call = toolCalls[delta.index] ?? ToolCall(id: "", name: "", arguments: "")
                if let id = delta.id { call.id = id }
                if let name = delta.name { call.name += name }
                if let args = delta.arguments { call.arguments += args }
                toolCalls[delta.index] = call
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
    }

    var message: ChatMessage {
        let calls = toolCalls.keys.sorted().compactMap { toolCalls[$0] }
        return ChatMessage(role: "assistant", content: text.isEmpty && !calls.isEmpty ? nil : .text(text),
                           toolCalls: calls.isEmpty ? nil : calls)
    }

    /// The whole answer as a non-streamed response, for the cache.
    func response(request: ChatRequest) -> ChatResponse {
        ChatResponse(id: id ?? Identifier.prefixed("chatcmpl"), created: created ?? 0, model: model ?? request.model,
                     choices: [ChatChoice(index: 0, message: message, finishReason: finishReason)], usage: usage)
    }

    /// Used only when the upstream sent no usage: about four bytes of UTF-8 per token,
    /// the usual rule of thumb for English BPE vocabularies. Marked on the trace as estimated.
    func estimatedUsage(prompt: [ChatMessage]) -> Usage {
        let promptBytes = prompt.reduce(0) { $0 + $1.text.utf8.count + 4 }
        let completionBytes = text.utf8.count + toolCalls.values.reduce(0) { $0 + $1.arguments.utf8.count + $1.name.utf8.count }
        return Usage(promptTokens: (promptBytes + 3) / 4, completionTokens: (completionBytes + 3) / 4)
    }
}
