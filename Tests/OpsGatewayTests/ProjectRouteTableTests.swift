import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

/// A project's routes and circuit breakers are its own: lookups, changes and failures of one
/// project never reach another's, and the operator's routes serve every project they are not
/// shadowed in.
final class ProjectRouteTableTests: XCTestCase {
    private func route(_ name: String, to model: String) -> RouteConfig {
        RouteConfig(name: name, deployments: [.init(model: model, weight: 1)])
    }

    func testProjectRoutesServeOnlyTheirProject() throws {
        let table = RouteTable([route("chat", to: "operator-model"), RouteConfig(name: "only-a", deployments: [.init(model: "m", weight: 1)],
                                                                                project: "a")])
        XCTAssertEqual(table.route(named: "only-a", project: "a")?.project, "a")
        XCTAssertNil(table.route(named: "only-a", project: "b"))
        XCTAssertNil(table.route(named: "only-a"), "not an operator's route")

        try table.apply([route("chat", to: "b-model")], actor: "b-admin", at: Date(), project: "b")
        XCTAssertEqual(table.route(named: "chat", project: "b")?.deployments.first?.model, "b-model")
        XCTAssertEqual(table.route(named: "chat", project: "b")?.scope, "b")
        XCTAssertEqual(table.route(named: "chat", project: "a")?.deployments.first?.model, "operator-model")
        XCTAssertEqual(table.route(named: "chat")?.scope, "")
        XCTAssertEqual(table.routes(of: "b").map(\.name), ["chat"])
        XCTAssertEqual(table.routes(of: "a").map(\.name), ["only-a"])
        XCTAssertEqual(table.all.map(\.name), ["chat"])
        XCTAssertTrue(table.hasRoute(named: "only-a"))
        XCTAssertFalse(table.hasRoute(named: "nobody"))

        // Emptying b's routes uncovers the operator's again; the change is b's to revert.
        let emptied = try table.apply([], actor: "b-admin", at: Date(), project: "b")
        XCTAssertEqual(emptied.project, "b")
        XCTAssertEqual(emptied.removed, ["chat"])
        XCTAssertEqual(table.route(named: "chat", project: "b")?.deployments.first?.model, "operator-model")
        try table.revert(to: emptied.version, actor: "b-admin", at: Date())
        XCTAssertEqual(table.route(named: "chat", project: "b")?.deployments.first?.model, "b-model")
        XCTAssertEqual(table.all.map(\.name), ["chat"], "the operator's routes are untouched")
    }

    func testBreakersOfOneScopeDoNotRejectAnothersCalls() {
        let clock = ManualMonotonicClock()
        let breakers = CircuitBreakers(clock: clock)
        let b = breakers.breaker(for: "shared-model", scope: "b")
        for _ in 0..<10 {
            guard b.acquire() else { break }
            b.recordFailure()
        }
        XCTAssertTrue(breakers.isRejecting("shared-model", scope: "b"))
        XCTAssertFalse(breakers.isRejecting("shared-model", scope: "a"))
        XCTAssertFalse(breakers.isRejecting("shared-model"), "the operator's circuit stays closed")
        XCTAssertEqual(breakers.snapshot().count, 0, "/metrics shows the operator's circuits")
        XCTAssertEqual(breakers.snapshot(scope: "b").map(\.deployment), ["shared-model"])

        let planner = RoutePlanner(isUnavailable: { breakers.isRejecting($0, scope: "a") })
        var random = SystemRandomNumberGenerator()
        let plan = planner.plan(RouteConfig(name: "chat", deployments: [.init(model: "shared-model", weight: 1)], project: "a"),
                                user: nil, using: &random)
        XCTAssertEqual(plan.models, ["shared-model"])
        XCTAssertEqual(plan.scope, "a")
    }

    func testProjectRouteLimitsKeepApartStates() {
        let operatorRoute = LimitScope.route("chat").id
        let projectRoute = LimitScope.projectRoute(project: "b", name: "chat").id
        let tricky = LimitScope.projectRoute(project: "b:1", name: "chat").id
        XCTAssertEqual(Set([operatorRoute, projectRoute, tricky]).count, 3)
    }
}
