import Foundation

/// Filters for listing traces, newest first, with keyset pagination.
public struct TraceQuery: Sendable, Hashable {
    /// Always set: one project never sees another's traces.
    public var project: String
    public var from: Date?
    public var to: Date?
    public var model: String?
    public var status: TraceStatus?
    public var user: String?
    public var sessionID: String?
    public var tag: String?
    /// Traces of calls that ran this stored prompt (`metadata.prompt_name`).
    public var promptName: String?
    /// With `promptName`: only calls that ran this version (`metadata.prompt_version`).
    public var promptVersion: Int?
    public var limit: Int
    /// Opaque cursor from a previous page's `nextCursor`.
    public var cursor: TraceCursor?

    public init(project: String, from: Date? = nil, to: Date? = nil, model: String? = nil, status: TraceStatus? = nil,
                user: String? = nil, sessionID: String? = nil, tag: String? = nil, limit: Int = 50,
                cursor: TraceCursor? = nil) {
        self.project = project
        self.from = from
        self.to = to
        self.model = model
        self.status = status
        self.user = user
        self.sessionID = sessionID
        self.tag = tag
        self.limit = limit
        self.cursor = cursor
    }
}

/// A position in the newest-first order: the last row of the previous page.
public struct TraceCursor: Sendable, Hashable {
    public var createdAtMicros: Int64
    public var id: String

    public init(createdAtMicros: Int64, id: String) {
        self.createdAtMicros = createdAtMicros
        self.id = id
    }

    /// `<micros>_<id>` — opaque to clients, readable in logs.
    public var token: String { "\(createdAtMicros)_\(id)" }

    public init?(token: String) {
        let parts = token.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, let micros = Int64(parts[0]), !parts[1].isEmpty else { return nil }
        self.init(createdAtMicros: micros, id: String(parts[1]))
    }

    /// A cursor from a request's `cursor` parameter, or a 400 naming it.
    public init(checking token: String, param: String = "cursor") throws(OpsError) {
        guard let cursor = TraceCursor(token: token) else { throw .invalid("\(param) is not one this server issued", param: param) }
        self = cursor
    }
}

/// One page of traces.
public struct TracePage: Sendable, Hashable {
    public var traces: [Trace]
    public var nextCursor: TraceCursor?

    public init(traces: [Trace], nextCursor: TraceCursor?) {
        self.traces = traces
        self.nextCursor = nextCursor
    }
}

/// The few numbers of a trace the dashboard aggregates.
public struct TracePoint: Sendable, Hashable {
    public var createdAt: Date
    public var model: String
    public var status: TraceStatus
    public var latencyMs: Double
    public var ttftMs: Double?
    public var totalTokens: Int
    public var costUSD: Double

    public init(createdAt: Date, model: String, status: TraceStatus, latencyMs: Double, ttftMs: Double?,
                totalTokens: Int, costUSD: Double) {
        self.createdAt = createdAt
        self.model = model
        self.status = status
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.totalTokens = totalTokens
        self.costUSD = costUSD
    }
}
