import Foundation

/// One model call inside a trace: the request as the provider saw it and what it answered.
public struct Generation: Sendable, Hashable {
    public var id: String
    public var traceID: String
    /// The model the client named (a model alias or route).
    public var model: String
    /// The provider's own model name the call went to.
    public var resolvedModel: String
    public var provider: String
    public var parameters: JSONValue
    public var finishReason: String?
    public var status: TraceStatus
    public var httpStatus: Int
    public var error: String?
    public var usage: Usage?
    public var costUSD: Double?
    public var latencyMs: Double
    public var ttftMs: Double?
    public var startedAt: Date

    public init(id: String = Identifier.spanID(), traceID: String, model: String, resolvedModel: String,
                provider: String, parameters: JSONValue = .null, finishReason: String? = nil,
                status: TraceStatus = .ok, httpStatus: Int = 200, error: String? = nil, usage: Usage? = nil,
                costUSD: Double? = nil, latencyMs: Double = 0, ttftMs: Double? = nil, startedAt: Date) {
        self.id = id
        self.traceID = traceID
        self.model = model
        self.resolvedModel = resolvedModel
        self.provider = provider
        self.parameters = parameters
        self.finishReason = finishReason
        self.status = status
        self.httpStatus = httpStatus
        self.error = error
        self.usage = usage
        self.costUSD = costUSD
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.startedAt = startedAt
    }
}
