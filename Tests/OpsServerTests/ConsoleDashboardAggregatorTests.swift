import Foundation
import OpsCore
@testable import OpsServer
import XCTest

final class ConsoleDashboardAggregatorTests: XCTestCase {
    // 2026-01-01T12:00:00Z, on every bucket boundary.
    let noon = Date(timeIntervalSince1970: 1_767_268_800)

    func point(_ secondsAgo: Double, from now: Date, model: String = "m", error: Bool = false, latency: Double = 100,
               tokens: Int = 10, cost: Double = 0.001) -> TracePoint {
        TracePoint(createdAt: now.addingTimeInterval(-secondsAgo), model: model, status: error ? .error : .ok,
                   latencyMs: latency, ttftMs: nil, totalTokens: tokens, costUSD: cost)
    }

    func testRangesHaveBetween42And60Buckets() {
        XCTAssertEqual(DashboardRange.allCases.map(\.bucketCount), [60, 48, 42])
        XCTAssertEqual(DashboardRange(query: "1h"), .hour)
        XCTAssertEqual(DashboardRange(query: "7d"), .week)
        XCTAssertEqual(DashboardRange(query: nil), .day)
        XCTAssertEqual(DashboardRange(query: "bogus"), .day)
    }

    func testWindowEndsOnTheNextBucketBoundary() {
        let now = noon.addingTimeInterval(10 * 60 + 5)  // 12:10:05
        let (from, to) = DashboardRange.day.window(endingAround: now)
        XCTAssertEqual(to, noon.addingTimeInterval(30 * 60))  // 12:30
        XCTAssertEqual(to.timeIntervalSince(from), 86_400)
        // Exactly on a boundary, the current instant still falls inside the window.
        let onBoundary = DashboardRange.hour.window(endingAround: noon)
        XCTAssertEqual(onBoundary.to, noon.addingTimeInterval(60))
    }

    func testNearestRankPercentiles() {
        let hundred = (1...100).map(Double.init)
        XCTAssertEqual(Percentile.nearestRank(50, ofSorted: hundred), 50)
        XCTAssertEqual(Percentile.nearestRank(95, ofSorted: hundred), 95)
        XCTAssertEqual(Percentile.nearestRank(100, ofSorted: hundred), 100)
        XCTAssertEqual(Percentile.nearestRank(50, ofSorted: [10, 20, 30]), 20)
        XCTAssertEqual(Percentile.nearestRank(95, ofSorted: [10, 20, 30]), 30)
        XCTAssertEqual(Percentile.nearestRank(50, ofSorted: [10, 20, 30, 40]), 20, "ceil(0.5 × 4) = rank 2, no interpolation")
        XCTAssertEqual(Percentile.nearestRank(95, ofSorted: [7]), 7)
        XCTAssertNil(Percentile.nearestRank(50, ofSorted: []))
    }

    func testBucketsCountRequestsErrorsTokensAndCost() {
        let aggregator = DashboardAggregator(range: .hour, now: noon.addingTimeInterval(30))  // window 11:01–12:01
        let points = [
            point(10, from: noon, latency: 100, tokens: 5, cost: 0.5),                 // 11:59:50 → bucket 58
            point(20, from: noon, error: true, latency: 300, tokens: 7, cost: 0.25),  // 11:59:40 → bucket 58
            point(-15, from: noon, latency: 50, tokens: 1, cost: 0),                  // 12:00:15 → bucket 59
        ]
        let summary = aggregator.summarize(points)
        XCTAssertEqual(summary.buckets.count, 60)
        XCTAssertEqual(summary.buckets[58].start, noon.addingTimeInterval(-60))
        XCTAssertEqual(summary.buckets[58].stats.requests, 2)
        XCTAssertEqual(summary.buckets[58].stats.errors, 1)
        XCTAssertEqual(summary.buckets[58].stats.p50LatencyMs, 100)
        XCTAssertEqual(summary.buckets[58].stats.p95LatencyMs, 300)
        XCTAssertEqual(summary.buckets[58].stats.tokens, 12)
        XCTAssertEqual(summary.buckets[58].stats.costUSD, 0.75, accuracy: 1e-12)
        XCTAssertEqual(summary.buckets[59].stats.requests, 1)
        XCTAssertEqual(summary.buckets[0].stats.requests, 0)
        XCTAssertNil(summary.buckets[0].stats.p50LatencyMs, "an empty bucket has no latency, not zero")
        XCTAssertEqual(summary.totals.requests, 3)
        XCTAssertEqual(summary.totals.errors, 1)
        XCTAssertEqual(summary.totals.errorRate, 1.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(summary.totals.p50LatencyMs, 100)
        XCTAssertEqual(summary.totals.tokens, 13)
    }

    func testPointsOutsideTheWindowAreIgnored() {
        let aggregator = DashboardAggregator(range: .hour, now: noon.addingTimeInterval(30))
        let summary = aggregator.summarize([point(2 * 3600, from: noon), point(-3600, from: noon), point(5, from: noon)])
        XCTAssertEqual(summary.totals.requests, 1)
        XCTAssertEqual(summary.buckets.map(\.stats.requests).reduce(0, +), 1)
    }

    func testModelTableIsBusiestFirstThenByName() {
        let aggregator = DashboardAggregator(range: .day, now: noon)
        let summary = aggregator.summarize([
            point(60, from: noon, model: "b"), point(120, from: noon, model: "a"),
            point(180, from: noon, model: "c", latency: 10), point(240, from: noon, model: "c", error: true, latency: 30),
        ])
        XCTAssertEqual(summary.models.map(\.model), ["c", "a", "b"])
        XCTAssertEqual(summary.models[0].stats.requests, 2)
        XCTAssertEqual(summary.models[0].stats.errors, 1)
        XCTAssertEqual(summary.models[0].stats.p95LatencyMs, 30)
    }

    func testNoPointsGiveEmptyBucketsAndZeroTotals() {
        let summary = DashboardAggregator(range: .week, now: noon).summarize([])
        XCTAssertEqual(summary.buckets.count, 42)
        XCTAssertEqual(summary.totals.requests, 0)
        XCTAssertEqual(summary.totals.errorRate, 0)
        XCTAssertNil(summary.totals.p95LatencyMs)
        XCTAssertTrue(summary.models.isEmpty)
    }

    func testTheViewSaysWhenTheWindowWasCutShort() {
        let summary = DashboardAggregator(range: .hour, now: noon).summarize([point(5, from: noon)])
        XCTAssertNil(DashboardView(summary).notice)
        XCTAssertEqual(DashboardView(summary, truncatedAt: 200_000).notice,
                       "This range has more than 200,000 traces; only the oldest 200,000 are counted. Pick a shorter range.")
        XCTAssertEqual(DashboardView(summary).requests, "1")
        XCTAssertEqual(DashboardView(summary).charts.count, 4)
    }
}
