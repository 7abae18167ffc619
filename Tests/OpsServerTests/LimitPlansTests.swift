import Foundation
import OpsCore
import OpsGateway
@testable import OpsServer
import XCTest

final class LimitPlansTests: XCTestCase {
    private func key(rpm: Int?, budget: Double? = nil) -> APIKey {
        APIKey(id: "key_a", project: "p", role: .developer, secretHash: "h", prefix: "x", createdAt: Date(),
               limits: KeyLimits(requestsPerMinute: rpm, dailyBudgetUSD: budget))
    }

    func testAPlanHoldsTheKeysProjectsAndRoutesRulesAndTheirStoreKeys() {
        let plans = LimitPlans(projects: ["p": ProjectLimitsConfig(name: "p", tokensPerMinute: 1_000, monthlyBudgetUSD: 9)])
        let route = RouteConfig(name: "chat", deployments: [.init(model: "m", weight: 1)], limits: .init(requestsPerMinute: 5))
        let plan = plans.plan(for: key(rpm: 60, budget: 2), route: route)
        XCTAssertEqual(plan.rateRules.map(\.scope), [.key("key_a"), .project("p"), .route("chat")])
        XCTAssertEqual(plan.budgetRules.map(\.scope), [.key("key_a"), .project("p")])
        XCTAssertEqual(plan.budgetKeys, ["budget:key:key_a:day", "budget:project:p:month"])
        XCTAssertEqual(plan.rateKeys, ["rl:key:key_a:requests", "rl:project:p:tokens", "rl:route:chat:requests"])
        XCTAssertEqual(plan.admitKeys, plan.budgetKeys + plan.rateKeys)
        XCTAssertEqual(plan.settleKeys, plan.rateKeys + plan.budgetKeys)
    }

    func testAPlanIsReusedUntilTheKeysOrRoutesLimitsChange() {
        let plans = LimitPlans(projects: [:])
        XCTAssertEqual(plans.plan(for: key(rpm: 60), route: nil).rateKeys, ["rl:key:key_a:requests"])
        XCTAssertEqual(plans.plan(for: key(rpm: 60), route: nil).rateRules.first?.requestsPerMinute, 60)
        XCTAssertEqual(plans.count, 1)
        // The same key id with new limits (an update) gets a new plan, not the cached one.
        XCTAssertEqual(plans.plan(for: key(rpm: 10), route: nil).rateRules.first?.requestsPerMinute, 10)
        XCTAssertTrue(plans.plan(for: key(rpm: nil), route: nil).isEmpty)
        let limited = RouteConfig(name: "chat", deployments: [.init(model: "m", weight: 1)], limits: .init(requestsPerMinute: 5))
        let open = RouteConfig(name: "chat", deployments: [.init(model: "m", weight: 1)])
        XCTAssertEqual(plans.plan(for: key(rpm: nil), route: limited).rateRules.map(\.scope), [.route("chat")])
        XCTAssertTrue(plans.plan(for: key(rpm: nil), route: open).isEmpty)
        XCTAssertEqual(plans.count, 2)
    }

    func testTheCacheStartsOverPastItsCapacity() {
        let plans = LimitPlans(projects: [:], capacity: 2)
        for id in ["a", "b", "c"] {
            _ = plans.plan(for: APIKey(id: id, project: "p", role: .viewer, secretHash: "h", prefix: "x", createdAt: Date(),
                                       limits: KeyLimits(requestsPerMinute: 1)), route: nil)
        }
        XCTAssertEqual(plans.count, 1)
    }
}
