import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class RouteTableTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_790_000_000)

    private func chat(canary: Double) -> RouteConfig {
        RouteConfig(name: "chat", deployments: [.init(model: "primary", weight: 100 - canary), .init(model: "canary", weight: canary)])
    }

    func testApplyReplacesRoutesAndRecordsTheChange() throws {
        let table = RouteTable([chat(canary: 5)])
        let change = try table.apply([chat(canary: 10), RouteConfig(name: "embed", deployments: [.init(model: "e", weight: 1)])],
                                     actor: "alice", at: start)
        XCTAssertEqual(table.route(named: "chat"), chat(canary: 10))
        XCTAssertEqual(change.version, 1)
        XCTAssertEqual(change.actor, "alice")
        XCTAssertEqual(change.at, start)
        XCTAssertEqual(change.from, [chat(canary: 5)])
        XCTAssertEqual(change.modified, ["chat"])
        XCTAssertEqual(change.added, ["embed"])
        XCTAssertEqual(table.history.count, 1)
    }

    func testRevertRollsBackToTheRoutesBeforeAChange() throws {
        let table = RouteTable([chat(canary: 5)])
        let rollout = try table.apply([chat(canary: 50)], actor: "ci", at: start)
        let rollback = try table.revert(to: rollout.version, actor: "oncall", at: start + 60)
        XCTAssertEqual(table.route(named: "chat"), chat(canary: 5))
        XCTAssertEqual(rollback.version, 2)
        XCTAssertEqual(rollback.actor, "oncall")
        XCTAssertThrowsError(try table.revert(to: 99, actor: "x", at: start))
    }

    func testInvalidTablesAreRejectedAndTheLiveOneKept() {
        let table = RouteTable([chat(canary: 5)])
        XCTAssertThrowsError(try table.apply([chat(canary: 1), chat(canary: 2)], actor: "a", at: start))
        XCTAssertThrowsError(try table.apply([RouteConfig(name: "x", deployments: [])], actor: "a", at: start))
        XCTAssertThrowsError(try table.apply([RouteConfig(name: "x", deployments: [.init(model: "m", weight: -1)])], actor: "a", at: start))
        XCTAssertEqual(table.route(named: "chat"), chat(canary: 5))
        XCTAssertTrue(table.history.isEmpty)
    }

    func testUnknownModelsAreRejectedWhenTheCatalogIsGiven() throws {
        let table = RouteTable()
        var withFallback = chat(canary: 5)
        withFallback.fallbacks = ["backup"]
        XCTAssertThrowsError(try table.apply([withFallback], actor: "a", at: start, knownModels: ["primary", "canary"])) { error in
            XCTAssertEqual((error as? OpsError)?.code, "model_not_found")
            XCTAssertTrue((error as? OpsError)?.message.contains("'backup'") == true)
        }
        XCTAssertNoThrow(try table.apply([withFallback], actor: "a", at: start, knownModels: ["primary", "canary", "backup"]))
    }

    func testReadersDuringConcurrentReloadsSeeWholeTables() async throws {
        let table = RouteTable([chat(canary: 0)])
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for i in 1...200 { _ = try? table.apply([self.chat(canary: Double(i % 2) * 50)], actor: "w", at: self.start) }
            }
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<2_000 {
                        let weights = table.route(named: "chat")!.deployments.map(\.weight)
                        XCTAssertEqual(weights.reduce(0, +), 100)
                    }
                }
            }
        }
        XCTAssertEqual(table.history.count, 100, "history keeps the last 100 changes")
        XCTAssertEqual(table.history.last?.version, 200)
    }

    func testFirstModelFollowsDeploymentsThenFallbacksLikeAllModels() {
        let route = RouteConfig(name: "chat", deployments: [.init(model: "a", weight: 90), .init(model: "b", weight: 10)],
                                fallbacks: ["b", "c"])
        XCTAssertEqual(route.allModels, ["a", "b", "c"])
        XCTAssertEqual(route.firstModel { _ in true }, "a")
        XCTAssertEqual(route.firstModel { $0 != "a" }, "b")
        XCTAssertEqual(route.firstModel { $0 == "c" }, "c")
        XCTAssertNil(route.firstModel { $0 == "z" })
    }
}
