/// One model clients can name, and where calls to it go.
public struct ModelDeployment: Sendable, Hashable {
    /// What clients send as `model`.
    public var name: String
    public var provider: ProviderKind
    /// The upstream's base URL, e.g. `https://api.openai.com/v1`. Unused by `local`.
    public var baseURL: String?
    /// The resolved secret (never the `env:` reference, never stored).
    public var apiKey: String?
    /// The upstream's own name for the model.
    public var upstreamModel: String
    public var price: Price?
    public var timeouts: UpstreamTimeouts

    public init(name: String, provider: ProviderKind, baseURL: String? = nil, apiKey: String? = nil,
                upstreamModel: String? = nil, price: Price? = nil, timeouts: UpstreamTimeouts = UpstreamTimeouts()) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.upstreamModel = upstreamModel ?? name
        self.price = price
        self.timeouts = timeouts
    }
}

/// The wire protocol a deployment speaks.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable {
    /// OpenAI itself or any OpenAI-compatible server (vLLM, llama.cpp server, Ollama…).
    case openai
    /// Anthropic's Messages API, translated both ways.
    case anthropic
    /// A model running in this process.
    case local
}

/// How long to wait for an upstream.
public struct UpstreamTimeouts: Sendable, Hashable {
    public var connectMs: Int
    /// Until the response head (non-streamed: the whole answer's head; streamed: the first event).
    public var firstTokenMs: Int
    /// The whole call, body included.
    public var totalMs: Int
    /// What each limit may be set to: 1 ms to 24 hours.
    public static let range: ClosedRange<Int> = 1...86_400_000

    public init(connectMs: Int = 5_000, firstTokenMs: Int = 60_000, totalMs: Int = 600_000) {
        self.connectMs = connectMs
        self.firstTokenMs = firstTokenMs
        self.totalMs = totalMs
    }
}
