import OpsCore

/// Anthropic's token counts. Input is split three ways (uncached, written to the cache, read
/// from the cache); OpenAI's `prompt_tokens` is their sum.
public struct AnthropicUsage: Sendable, Hashable {
    public var inputTokens = 0
    public var cacheCreationInputTokens = 0
    public var cacheReadInputTokens = 0
    public var outputTokens = 0

    public init() {}

    /// Reads a `usage` object.
    public init(json: JSONValue) {
        merge(json)
    }

    /// Overwrites the counts `json` carries; streamed `message_delta` usage is cumulative.
    public mutating func merge(_ json: JSONValue) {
        if let n = json["input_tokens"]?.intValue { inputTokens = NumberRange.clampTokens(n) }
        if let n = json["cache_creation_input_tokens"]?.intValue { cacheCreationInputTokens = NumberRange.clampTokens(n) }
        if let n = json["cache_read_input_tokens"]?.intValue { cacheReadInputTokens = NumberRange.clampTokens(n) }
        if let n = json["output_tokens"]?.intValue { outputTokens = NumberRange.clampTokens(n) }
    }

    public var usage: Usage {
        Usage(promptTokens: inputTokens + cacheCreationInputTokens + cacheReadInputTokens, completionTokens: outputTokens)
    }
}
