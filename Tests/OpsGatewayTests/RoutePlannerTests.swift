import OpsCore
@testable import OpsGateway
import XCTest

final class RoutePlannerTests: XCTestCase {
    private func route(primary: Double = 95, canary: Double = 5, sticky: RouteConfig.Stickiness = .none,
                       fallbacks: [String] = ["backup"]) -> RouteConfig {
        RouteConfig(name: "chat", deployments: [.init(model: "primary", weight: primary), .init(model: "canary", weight: canary)],
                    sticky: sticky, fallbacks: fallbacks)
    }

    func testCanaryAtWeightFiveGetsFivePercentOfPicks() {
        var random = SplitMix64(seed: 7)
        let planner = RoutePlanner()
        var canary = 0
        let picks = 100_000
        for _ in 0..<picks where planner.plan(route(), user: nil, using: &random).models.first == "canary" { canary += 1 }
        XCTAssertEqual(Double(canary) / Double(picks), 0.05, accuracy: 0.005)
    }

    func testOneDeploymentIsPickedWithoutADrawAndWeightsSplitEvenly() {
        struct Exhausted: RandomNumberGenerator { mutating func next() -> UInt64 { fatalError("one candidate needs no draw") } }
        var none = Exhausted()
        XCTAssertEqual(RoutePlanner.weightedPick([.init(model: "only", weight: 3)], using: &none), "only")
        XCTAssertNil(RoutePlanner.weightedPick([.init(model: "off", weight: 0)], using: &none))
        var random = SystemRandomNumberGenerator()
        var counts = ["a": 0, "b": 0]
        for _ in 0..<20_000 { counts[RoutePlanner.weightedPick([.init(model: "a", weight: 1), .init(model: "b", weight: 3)], using: &random)!]! += 1 }
        XCTAssertEqual(Double(counts["a"]!) / 20_000, 0.25, accuracy: 0.02, "weight 1 of 4")
    }

    func testPlanIsWeightedPickThenFallbacks() {
        var random = SplitMix64(seed: 1)
        let plan = RoutePlanner().plan(route(primary: 100, canary: 0), user: nil, using: &random)
        XCTAssertEqual(plan.models, ["primary", "backup"])
        XCTAssertEqual(plan.steps.map(\.reason), [.weighted, .fallback])
    }

    func testStickyUserAlwaysLandsOnTheSameDeployment() {
        var random = SplitMix64(seed: 3)
        let planner = RoutePlanner()
        for user in (0..<200).map({ "user-\($0)" }) {
            let first = planner.plan(route(sticky: .user), user: user, using: &random).models.first
            for _ in 0..<5 { XCTAssertEqual(planner.plan(route(sticky: .user), user: user, using: &random).models.first, first) }
        }
    }

    func testRaisingCanaryFromFiveToTenMovesAboutFivePercentOfUsers() {
        var random = SplitMix64(seed: 3)
        let planner = RoutePlanner()
        let users = (0..<20_000).map { "u\($0)" }
        var moved = 0, canaryAfter = 0, movedAwayFromCanary = 0
        for user in users {
            let before = planner.plan(route(primary: 95, canary: 5, sticky: .user), user: user, using: &random).models.first
            let after = planner.plan(route(primary: 90, canary: 10, sticky: .user), user: user, using: &random).models.first
            if before != after { moved += 1 }
            if before == "canary" && after != "canary" { movedAwayFromCanary += 1 }
            if after == "canary" { canaryAfter += 1 }
        }
        XCTAssertEqual(Double(moved) / Double(users.count), 0.05, accuracy: 0.01)
        XCTAssertEqual(movedAwayFromCanary, 0, "growing the canary only moves users onto it")
        XCTAssertEqual(Double(canaryAfter) / Double(users.count), 0.10, accuracy: 0.01)
    }

    func testOpenCircuitsAreSkippedAndReported() {
        var random = SplitMix64(seed: 5)
        let planner = RoutePlanner(isUnavailable: { $0 == "primary" })
        for _ in 0..<100 {
            let plan = planner.plan(route(), user: nil, using: &random)
            XCTAssertEqual(plan.models, ["canary", "backup"])
            XCTAssertEqual(plan.skipped, ["primary"])
        }
    }

    func testStickyUsersOfAnOpenDeploymentMoveButOthersStay() {
        var random = SplitMix64(seed: 5)
        let three = RouteConfig(name: "chat", deployments: [.init(model: "a", weight: 40), .init(model: "b", weight: 30),
                                                            .init(model: "c", weight: 30)], sticky: .user)
        let healthy = RoutePlanner(), withoutB = RoutePlanner(isUnavailable: { $0 == "b" })
        for user in (0..<2_000).map({ "u\($0)" }) {
            let before = healthy.plan(three, user: user, using: &random).models.first
            let after = withoutB.plan(three, user: user, using: &random).models.first
            if before != "b" { XCTAssertEqual(before, after) } else { XCTAssertNotEqual(after, "b") }
        }
    }

    func testAllDeploymentsOpenGivesAnEmptyPlan() {
        var random = SplitMix64(seed: 9)
        let plan = RoutePlanner(isUnavailable: { _ in true }).plan(route(), user: "u", using: &random)
        XCTAssertTrue(plan.isEmpty)
        XCTAssertEqual(Set(plan.skipped), ["primary", "canary", "backup"])
    }

    func testZeroWeightsLeaveOnlyTheFallbacks() {
        var random = SplitMix64(seed: 9)
        let plan = RoutePlanner().plan(route(primary: 0, canary: 0), user: nil, using: &random)
        XCTAssertEqual(plan.models, ["backup"])
        let none = RoutePlanner().plan(route(primary: 0, canary: 0, fallbacks: []), user: nil, using: &random)
        XCTAssertTrue(none.isEmpty)
    }

    func testFallbackEqualToThePickIsNotTriedTwice() {
        var random = SplitMix64(seed: 2)
        let plan = RoutePlanner().plan(route(primary: 100, canary: 0, fallbacks: ["primary", "backup", "backup"]),
                                       user: nil, using: &random)
        XCTAssertEqual(plan.models, ["primary", "backup"])
    }
}
