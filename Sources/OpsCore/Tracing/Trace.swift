import Foundation

/// One call through the gateway (or one ingested trace): who called, what went in and came out,
/// how long it took, what it cost. `generations` holds the model calls made to answer it.
public struct Trace: Sendable, Hashable {
    public var id: String
    public var project: String
    public var keyID: String?
    /// What was called: `chat.completions`, `embeddings`, `completions`.
    public var name: String
    /// The model the client asked for.
    public var model: String
    public var provider: String?
    public var status: TraceStatus
    /// The HTTP status the client received.
    public var httpStatus: Int
    public var user: String?
    public var sessionID: String?
    public var tags: [String]
    public var metadata: JSONObject
    /// The request messages (or embedding inputs).
    public var input: JSONValue
    /// The response text, tool calls or vector summary.
    public var output: JSONValue?
    public var error: String?
    public var latencyMs: Double
    public var ttftMs: Double?
    public var usage: Usage?
    public var costUSD: Double?
    public var createdAt: Date
    public var generations: [Generation]

    public init(id: String = Identifier.traceID(), project: String, keyID: String? = nil, name: String, model: String,
                provider: String? = nil, status: TraceStatus = .ok, httpStatus: Int = 200, user: String? = nil,
                sessionID: String? = nil, tags: [String] = [], metadata: JSONObject = JSONObject(),
                input: JSONValue = .null, output: JSONValue? = nil, error: String? = nil, latencyMs: Double = 0,
                ttftMs: Double? = nil, usage: Usage? = nil, costUSD: Double? = nil, createdAt: Date,
                generations: [Generation] = []) {
        self.id = id
        self.project = project
        self.keyID = keyID
        self.name = name
        self.model = model
        self.provider = provider
        self.status = status
        self.httpStatus = httpStatus
        self.user = user
        self.sessionID = sessionID
        self.tags = tags
        self.metadata = metadata
        self.input = input
        self.output = output
        self.error = error
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.usage = usage
        self.costUSD = costUSD
        self.createdAt = createdAt
        self.generations = generations
    }
}

/// Whether a trace ended well.
public enum TraceStatus: String, Sendable, Hashable, CaseIterable {
    case ok
    case error
}
