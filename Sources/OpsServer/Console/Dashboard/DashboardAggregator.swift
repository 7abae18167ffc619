import Foundation
import OpsCore

/// Turns the store's trace points into the dashboard's buckets, totals and per-model table.
/// Pure: the same points, range and time always give the same summary.
public struct DashboardAggregator: Sendable {
    public let range: DashboardRange
    public let from: Date
    public let to: Date

    /// An aggregator for the window of `range` that ends around `now` (see `DashboardRange.window`).
    public init(range: DashboardRange, now: Date) {
        self.range = range
        (from, to) = range.window(endingAround: now)
    }

    /// Buckets `points`; points outside the window are ignored.
    public func summarize(_ points: [TracePoint]) -> DashboardSummary {
        let count = range.bucketCount
        let width = range.bucketSeconds
        var perBucket = Array(repeating: [StatSample](), count: count)
        var perModel: [String: [StatSample]] = [:]
        var all: [StatSample] = []
        for point in points where point.createdAt >= from && point.createdAt < to {
            let index = Int(point.createdAt.timeIntervalSince(from) / width)
            guard (0..<count).contains(index) else { continue }
            let sample = StatSample(isError: point.status == .error, latency: point.latencyMs,
                                      // Rows stored before token counts were clamped may hold anything.
                                      tokens: min(max(point.totalTokens, 0), 2 * NumberRange.tokens.upperBound), cost: point.costUSD)
            perBucket[index].append(sample)
            perModel[point.model, default: []].append(sample)
            all.append(sample)
        }
        let buckets = perBucket.enumerated().map { i, bucket in
            DashboardBucket(start: from.addingTimeInterval(Double(i) * width), stats: DashboardStats(bucket))
        }
        let models = perModel.map { ModelStats(model: $0.key, stats: DashboardStats($0.value)) }
            .sorted { ($0.stats.requests, $1.model) > ($1.stats.requests, $0.model) }
        return DashboardSummary(range: range, from: from, to: to, buckets: buckets, totals: DashboardStats(all), models: models)
    }
}
