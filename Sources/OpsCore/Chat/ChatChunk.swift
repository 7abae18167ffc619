/// One `chat.completion.chunk` of a streamed completion.
public struct ChatChunk: Sendable, Hashable {
    public var id: String
    public var created: Int
    public var model: String
    public var choices: [ChunkChoice]
    /// Present on the final chunk when the client asked for `stream_options.include_usage`.
    public var usage: Usage?
    public var systemFingerprint: String?

    public init(id: String, created: Int, model: String, choices: [ChunkChoice], usage: Usage? = nil,
                systemFingerprint: String? = nil) {
        self.id = id
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.systemFingerprint = systemFingerprint
    }
}

/// One choice's delta within a chunk.
public struct ChunkChoice: Sendable, Hashable {
    public var index: Int
    public var delta: ChatDelta
    public var finishReason: String?

    public init(index: Int, delta: ChatDelta, finishReason: String? = nil) {
        self.index = index
        self.delta = delta
        self.finishReason = finishReason
    }
}

/// What a chunk adds to the message being streamed.
public struct ChatDelta: Sendable, Hashable {
    public var role: String?
    public var content: String?
    public var toolCalls: [ToolCallDelta]?
    public var refusal: String?

    public init(role: String? = nil, content: String? = nil, toolCalls: [ToolCallDelta]? = nil, refusal: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.refusal = refusal
    }
}
