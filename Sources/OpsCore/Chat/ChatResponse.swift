/// A non-streamed chat completion in OpenAI's shape.
public struct ChatResponse: Sendable, Hashable {
    public var id: String
    public var created: Int
    public var model: String
    public var choices: [ChatChoice]
    public var usage: Usage?
    public var systemFingerprint: String?

    public init(id: String, created: Int, model: String, choices: [ChatChoice], usage: Usage? = nil,
                systemFingerprint: String? = nil) {
        self.id = id
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
        self.systemFingerprint = systemFingerprint
    }
}

/// One choice of a chat completion.
public struct ChatChoice: Sendable, Hashable {
    public var index: Int
    public var message: ChatMessage
    /// `stop`, `length`, `tool_calls`, `content_filter`.
    public var finishReason: String?
    public var logprobs: JSONValue?

    public init(index: Int, message: ChatMessage, finishReason: String?, logprobs: JSONValue? = nil) {
        self.index = index
        self.message = message
        self.finishReason = finishReason
        self.logprobs = logprobs
    }
}

/// Token counts of one call.
public struct Usage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int { promptTokens + completionTokens }

    /// Counts are clamped to `NumberRange.tokens`: an upstream (or a client reporting usage) is
    /// untrusted, and totals and costs summed over many calls must not overflow.
    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = NumberRange.clampTokens(promptTokens)
        self.completionTokens = NumberRange.clampTokens(completionTokens)
    }
}
