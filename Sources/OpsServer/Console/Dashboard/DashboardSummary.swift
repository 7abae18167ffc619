import Foundation

/// What the dashboard shows for one time window: a series of buckets, totals and a row per model.
public struct DashboardSummary: Sendable, Hashable {
    public var range: DashboardRange
    public var from: Date
    public var to: Date
    /// Oldest first, one per `range.bucketSeconds`, empty buckets included.
    public var buckets: [DashboardBucket]
    public var totals: DashboardStats
    /// Busiest model first.
    public var models: [ModelStats]
}

/// The numbers for one bucket of time.
public struct DashboardBucket: Sendable, Hashable {
    public var start: Date
    public var stats: DashboardStats
}

/// The numbers for one model over the whole window.
public struct ModelStats: Sendable, Hashable {
    public var model: String
    public var stats: DashboardStats
}

/// Counts, latency percentiles, tokens and cost over a set of traces.
public struct DashboardStats: Sendable, Hashable {
    public var requests: Int
    public var errors: Int
    /// Nil when there were no requests.
    public var p50LatencyMs: Double?
    public var p95LatencyMs: Double?
    public var tokens: Int
    public var costUSD: Double

    /// Errors as a fraction of requests; 0 without requests.
    public var errorRate: Double { requests == 0 ? 0 : Double(errors) / Double(requests) }

    /// Stats over `samples`.
    init(_ samples: [StatSample]) {
        requests = samples.count
        errors = samples.reduce(0) { $0 + ($1.isError ? 1 : 0) }
        let latencies = samples.map(\.latency).sorted()
        p50LatencyMs = Percentile.nearestRank(50, ofSorted: latencies)
        p95LatencyMs = Percentile.nearestRank(95, ofSorted: latencies)
        tokens = samples.reduce(0) { $0 + $1.tokens }
        costUSD = samples.reduce(0) { $0 + $1.cost }
    }
}

/// The fields of a `TracePoint` the stats read.
struct StatSample: Sendable, Hashable {
    var isError: Bool
    var latency: Double
    var tokens: Int
    var cost: Double
}
