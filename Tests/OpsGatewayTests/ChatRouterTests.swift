import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class ChatRouterTests: XCTestCase {
    private let clock = ManualMonotonicClock()
    private var random = SplitMix64(seed: 8)

    private func router(_ models: [ScriptedChatModel], cache: RouteConfig.Cache = .init(),
                        embedder: TableEmbedder? = nil) -> ChatRouter {
        let byName = Dictionary(uniqueKeysWithValues: models.map { ($0.name, $0 as any ChatModel) })
        let breakers = CircuitBreakers(settings: .init(failureThreshold: 2), clock: clock)
        let executor = FallbackExecutor(models: { byName[$0] }, breakers: breakers, clock: clock,
                                        wallClock: ManualWallClock(Date(timeIntervalSince1970: 0)))
        let route = RouteConfig(name: "chat", deployments: [.init(model: "primary", weight: 100)], fallbacks: ["backup"],
                                retries: .init(attempts: 0), cache: cache)
        return ChatRouter(routes: RouteTable([route]), executor: executor, exactCache: ExactCache(clock: clock),
                          semanticCache: embedder.map { SemanticCache(embedder: $0) })
    }

    private func ask(_ text: String, model: String = "chat") -> ChatRequest { ChatRequest(model: model, messages: [.user(text)]) }

    func testExactCacheServesTheSecondIdenticalRequestPerProject() async throws {
        let primary = ScriptedChatModel("primary", [.answer("one"), .answer("two"), .answer("three")])
        let router = router([primary], cache: .init(exactTTLSeconds: 60))
        let first = await router.complete(ask("q"), project: "p", using: &random)
        XCTAssertEqual(first.cache, .miss)
        let second = await router.complete(ask("q"), project: "p", using: &random)
        XCTAssertEqual(second.cache, .exactHit)
        XCTAssertEqual(try second.execution.get().choices[0].message.text, "one")
        XCTAssertTrue(second.execution.attempts.isEmpty)
        let otherProject = await router.complete(ask("q"), project: "p2", using: &random)
        XCTAssertEqual(try otherProject.execution.get().choices[0].message.text, "two")
        let noCache = await router.complete(ask("q"), project: "p", useCache: false, using: &random)
        XCTAssertEqual(noCache.cache, .bypass)
        XCTAssertEqual(try noCache.execution.get().choices[0].message.text, "three")
    }

    func testSemanticHitCarriesItsSimilarity() async throws {
        let embedder = TableEmbedder(table: ["capital of France?": [1, 0], "France's capital?": [0.99, 0.1]])
        let router = router([ScriptedChatModel("primary", [.answer("Paris")])], cache: .init(semanticThreshold: 0.9),
                            embedder: embedder)
        _ = await router.complete(ask("capital of France?"), project: "p", using: &random)
        let similar = await router.complete(ask("France's capital?"), project: "p", using: &random)
        guard case .semanticHit(let similarity) = similar.cache else { return XCTFail("\(similar.cache)") }
        XCTAssertGreaterThan(similarity, 0.99)
        XCTAssertEqual(try similar.execution.get().choices[0].message.text, "Paris")
    }

    func testFailuresAreNotCachedAndFallBack() async throws {
        let primary = ScriptedChatModel("primary", [.fail(OpsError.serverError), .answer("fresh")])
        let backup = ScriptedChatModel("backup", [.fail(OpsError.serverError)])
        let router = router([primary, backup], cache: .init(exactTTLSeconds: 60))
        let failed = await router.complete(ask("q"), project: "p", using: &random)
        XCTAssertEqual(failed.execution.attempts.map(\.deployment), ["primary", "backup"])
        XCTAssertThrowsError(try failed.execution.get())
        let retried = await router.complete(ask("q"), project: "p", using: &random)
        XCTAssertEqual(retried.cache, .miss)
        XCTAssertEqual(try retried.execution.get().choices[0].message.text, "fresh")
    }

    func testAModelWithoutARouteIsCalledDirectly() async throws {
        let direct = ScriptedChatModel("gpt-x", [.answer("direct")])
        let router = router([direct])
        let outcome = await router.complete(ask("q", model: "gpt-x"), project: "p", using: &random)
        XCTAssertEqual(outcome.plan.models, ["gpt-x"])
        XCTAssertEqual(outcome.cache, .bypass)
        XCTAssertEqual(try outcome.execution.get().choices[0].message.text, "direct")
    }

    func testOpenCircuitIsLeftOutOfLaterPlans() async throws {
        let primary = ScriptedChatModel("primary", [.fail(OpsError.serverError), .fail(OpsError.serverError)])
        let backup = ScriptedChatModel("backup", [])
        let router = router([primary, backup])
        for _ in 0..<2 { _ = await router.complete(ask("q"), project: "p", using: &random) }
        let (_, plan) = router.plan(for: ask("q"), using: &random)
        XCTAssertEqual(plan.models, ["backup"])
        XCTAssertEqual(plan.skipped, ["primary"])
        let (streamed, _) = await router.stream(ask("q"), route: router.routes.route(named: "chat"), using: &random)
        XCTAssertEqual(streamed.deployment, "backup")
    }
}
