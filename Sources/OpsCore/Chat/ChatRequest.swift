/// A chat completion request in OpenAI's shape. Fields the gateway does not model are kept in
/// `extra` so an OpenAI-compatible upstream receives everything the client sent.
public struct ChatRequest: Sendable, Hashable {
    public var model: String
    public var messages: [ChatMessage]
    public var stream: Bool
    /// `stream_options.include_usage`: whether the client wants a final usage chunk.
    public var includeUsageInStream: Bool
    public var temperature: Double?
    public var topP: Double?
    /// Not an OpenAI field; honoured by the local provider and Anthropic.
    public var topK: Int?
    /// `max_completion_tokens`, or the older `max_tokens`.
    public var maxTokens: Int?
    public var stop: [String]
    public var seed: Int?
    public var user: String?
    public var n: Int?
    public var tools: [JSONValue]?
    public var toolChoice: JSONValue?
    /// The gateway's own `metadata` object: recorded on the trace, not sent upstream.
    public var metadata: JSONObject?
    /// Every other top-level field of the body, in order.
    public var extra: JSONObject
    /// Not part of the wire format: the route's timeouts, which the gateway sets for each attempt
    /// and providers use instead of their deployment's own (connect, response head, whole call).
    public var upstreamTimeouts: UpstreamTimeouts?

    public init(model: String, messages: [ChatMessage], stream: Bool = false, includeUsageInStream: Bool = false,
                temperature: Double? = nil, topP: Double? = nil, topK: Int? = nil, maxTokens: Int? = nil,
                stop: [String] = [], seed: Int? = nil, user: String? = nil, n: Int? = nil,
                tools: [JSONValue]? = nil, toolChoice: JSONValue? = nil, metadata: JSONObject? = nil,
                extra: JSONObject = JSONObject()) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.includeUsageInStream = includeUsageInStream
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.maxTokens = maxTokens
        self.stop = stop
        self.seed = seed
        self.user = user
        self.n = n
        self.tools = tools
        self.toolChoice = toolChoice
        self.metadata = metadata
        self.extra = extra
    }
}
