import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class BudgetTrackerTests: XCTestCase {
    // 2026-03-31T23:00:00Z: an hour before both a day and a month start.
    private let clock = ManualWallClock(ISO8601Timestamp.parse("2026-03-31T23:00:00Z")!)
    private lazy var tracker = BudgetTracker(store: InMemoryLimitStore(), clock: clock)
    private let key = BudgetTracker.Rule(scope: .key("k1"), dailyUSD: 5, monthlyUSD: 100, softAlertFraction: 0.8)

    func testSoftAlertOnceThenHardStopSayingWhichLimitAndWhen() async throws {
        let early = try await tracker.record(costUSD: 3.9, [key])
        XCTAssertTrue(early.isEmpty)
        let soft = try await tracker.record(costUSD: 0.2, [key])
        XCTAssertEqual(soft.map(\.dimension), [.dailyBudget])
        XCTAssertEqual(soft.first?.exhausted, false)
        let quiet = try await tracker.record(costUSD: 0.1, [key])
        XCTAssertTrue(quiet.isEmpty, "the soft alert fires once")
        let stillAllowed = try await tracker.check([key])
        XCTAssertNil(stillAllowed)
        let hard = try await tracker.record(costUSD: 1, [key])
        XCTAssertEqual(hard.first?.exhausted, true)
        let hit = try await tracker.check([key])
        XCTAssertEqual(hit?.dimension, .dailyBudget)
        XCTAssertEqual(hit?.resetsAt, ISO8601Timestamp.parse("2026-04-01T00:00:00Z"))
        let error = hit!.error(now: clock.now())
        XCTAssertEqual(error.code, "budget_exceeded")
        XCTAssertTrue(error.message.contains("daily budget (USD) on key k1: limit 5.00"), error.message)
        XCTAssertTrue(error.message.contains("resets in 1h0m0s"), error.message)
    }

    func testDailyBudgetResetsAtUTCMidnight() async throws {
        try await tracker.record(costUSD: 6, [key])
        let blocked = try await tracker.check([key])
        XCTAssertNotNil(blocked)
        clock.set(ISO8601Timestamp.parse("2026-03-31T23:59:59.999Z")!)
        let justBefore = try await tracker.check([key])
        XCTAssertNotNil(justBefore)
        clock.set(ISO8601Timestamp.parse("2026-04-01T00:00:00Z")!)
        let after = try await tracker.check([key])
        XCTAssertNil(after)
    }

    func testMonthlyBudgetResetsAtTheFirstOfTheMonth() async throws {
        let monthly = BudgetTracker.Rule(scope: .project("p"), monthlyUSD: 10)
        clock.set(ISO8601Timestamp.parse("2026-03-01T00:00:00Z")!)
        try await tracker.record(costUSD: 10, [monthly])
        clock.set(ISO8601Timestamp.parse("2026-03-31T23:59:59Z")!)
        let hit = try await tracker.check([monthly])
        XCTAssertEqual(hit?.dimension, .monthlyBudget)
        XCTAssertEqual(hit?.resetsAt, ISO8601Timestamp.parse("2026-04-01T00:00:00Z"))
        clock.set(ISO8601Timestamp.parse("2026-04-01T00:00:00Z")!)
        let reset = try await tracker.check([monthly])
        XCTAssertNil(reset)
    }

    func testKeyAndProjectBudgetsAreSeparate() async throws {
        let project = BudgetTracker.Rule(scope: .project("p"), dailyUSD: 50)
        try await tracker.record(costUSD: 5, [key, project])
        let hit = try await tracker.check([key, project])
        XCTAssertEqual(hit?.scope, .key("k1"))
        let otherKey = try await tracker.check([BudgetTracker.Rule(scope: .key("k2"), dailyUSD: 5), project])
        XCTAssertNil(otherKey)
    }

    func testZeroAndInvalidCostsChangeNothing() async throws {
        for cost in [0, -1, Double.nan, .infinity] {
            let alerts = try await tracker.record(costUSD: cost, [key])
            XCTAssertTrue(alerts.isEmpty)
        }
        let hit = try await tracker.check([key])
        XCTAssertNil(hit)
    }
}
