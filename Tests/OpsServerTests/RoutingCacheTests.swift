import Foundation
import OpsCore
import OpsGateway
@testable import OpsServer
import OpsTesting
import XCTest

/// Canary splits, sticky users and the exact cache, through the real server.
final class RoutingCacheTests: XCTestCase {
    func testCanaryWeightsSplitTraffic() async throws {
        let r = try await RoutedGateway.start {
            $0.deployments = [.init(model: "mock-model", weight: 80), .init(model: "backup", weight: 20)]
            $0.fallbacks = []
        }
        addTeardownBlock { await r.stop() }
        for i in 0..<200 {
            let reply = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("q\(i)", model: "chat"), key: r.gw.developer)
            XCTAssertEqual(reply.status, 200)
        }
        let canary = r.backup.requests.count
        XCTAssertEqual(canary + r.primary.requests.count, 200)
        // 20% of 200 is 40; a binomial draw stays within 20…60 with overwhelming probability (> 4 sd).
        XCTAssertTrue((20...60).contains(canary), "canary got \(canary) of 200")
    }

    func testStickyUsersKeepTheirDeployment() async throws {
        let r = try await RoutedGateway.start {
            $0.deployments = [.init(model: "mock-model", weight: 50), .init(model: "backup", weight: 50)]
            $0.fallbacks = []
            $0.sticky = .user
        }
        addTeardownBlock { await r.stop() }
        var byUser: [String: Set<String>] = [:]
        for i in 0..<60 {
            let user = "user-\(i % 6)"
            let reply = try await r.gw.post("/v1/chat/completions",
                                            GatewayHarness.chat("q\(i)", model: "chat", extra: [("user", .string(user))]),
                                            key: r.gw.developer)
            byUser[user, default: []].insert(reply.header("x-llmops-deployment") ?? "?")
        }
        XCTAssertTrue(byUser.values.allSatisfy { $0.count == 1 }, "\(byUser)")
        XCTAssertEqual(Set(byUser.values.flatMap { $0 }).count, 2, "users spread over both deployments")
    }

    func testExactCacheServesRepeatsAndHonoursNoCache() async throws {
        let r = try await RoutedGateway.start { $0.cache.exactTTLSeconds = 60 }
        addTeardownBlock { await r.stop() }
        let body = GatewayHarness.chat("same question", model: "chat")
        let first = try await r.gw.post("/v1/chat/completions", body, key: r.gw.developer)
        XCTAssertEqual(first.header("x-llmops-cache"), "miss")
        let second = try await r.gw.post("/v1/chat/completions", body, key: r.gw.developer)
        XCTAssertEqual(second.header("x-llmops-cache"), "hit")
        XCTAssertEqual(second.json["choices"], first.json["choices"])
        XCTAssertEqual(second.text, first.text, "a hit sends the bytes the first client received")
        XCTAssertEqual(r.primary.requests.count, 1, "the repeat never reached the upstream")
        let trace = try await r.trace(of: second)
        XCTAssertEqual(trace["metadata"]?["cache"]?.stringValue, "hit")
        XCTAssertEqual(trace["cost_usd"]?.doubleValue, 0)
        XCTAssertGreaterThan(trace["metadata"]?["cost_saved_usd"]?.doubleValue ?? 0, 0)
        XCTAssertEqual(trace["provider"]?.stringValue, "cache")

        let bypass = try await r.gw.post("/v1/chat/completions", body, key: r.gw.developer, headers: [("cache-control", "no-cache")])
        XCTAssertEqual(bypass.status, 200)
        XCTAssertNotEqual(bypass.header("x-llmops-cache"), "hit")
        XCTAssertEqual(r.primary.requests.count, 2)

        // Another project never sees this project's cached answers.
        let other = try await r.gw.post("/v1/chat/completions", body, key: r.gw.otherProject)
        XCTAssertEqual(other.header("x-llmops-cache"), "miss")
        XCTAssertEqual(r.primary.requests.count, 3)
    }

    func testStreamingRequestIsServedFromCacheAsAStream() async throws {
        let r = try await RoutedGateway.start { $0.cache.exactTTLSeconds = 60 }
        addTeardownBlock { await r.stop() }
        let body = GatewayHarness.chat("stream me", model: "chat", stream: true)
        let first = try await r.gw.post("/v1/chat/completions", body, key: r.gw.developer)
        XCTAssertEqual(first.header("x-llmops-cache"), "miss")
        try await Task.sleep(nanoseconds: 100_000_000)
        let second = try await r.gw.post("/v1/chat/completions", body, key: r.gw.developer)
        XCTAssertEqual(second.header("x-llmops-cache"), "hit")
        XCTAssertEqual(r.primary.requests.count, 1)
        let events = RoutedGateway.events(second.text)
        XCTAssertEqual(events.last, "[DONE]")
        let text = events.dropLast().compactMap { try? JSONParser.parse($0)["choices"]?[0]?["delta"]?["content"]?.stringValue }.joined()
        XCTAssertEqual(text, "echo: stream me")
        // A plain request for the same question is answered from the streamed answer too.
        let plain = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("stream me", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(plain.header("x-llmops-cache"), "hit")
        XCTAssertEqual(plain.json["choices"]?[0]?["message"]?["content"]?.stringValue, "echo: stream me")
    }

    func testRoutesNamingUnknownModelsAreRejectedAtStartUp() async throws {
        var config = LLMOpsConfig()
        config.localModels.enabled = false
        config.models = [ModelConfig(name: "a", provider: .openai, baseURL: "http://127.0.0.1:9/v1")]
        config.routes = [RouteConfig(name: "chat", deployments: [.init(model: "a", weight: 1)], fallbacks: ["nope"])]
        do {
            let server = try await LLMOpsServer.make(config: config, store: InMemoryStore())
            await server.shutdown()
            XCTFail("a route naming an unknown model must not start")
        } catch {
            XCTAssertTrue("\(error)".contains("'nope'"), "\(error)")
            XCTAssertTrue("\(error)".contains("routes"), "\(error)")
        }
    }
}

/// The semantic cache through the server, embedding with the in-process MiniLM (`make models`).
final class SemanticCacheServerTests: XCTestCase {
    func testSimilarQuestionIsAnsweredFromCacheWithinItsProjectOnly() async throws {
        let r = try await RoutedGateway.start(route: { $0.cache.semanticThreshold = 0.85 },
                                              configure: { $0.localModels.enabled = true })
        addTeardownBlock { await r.stop() }
        guard r.gw.server.services.catalog.entry(named: "local/all-minilm-l6-v2") != nil else {
            return XCTFail("the MiniLM weights are missing: run `make models` (or set LOCAL_MODELS_DIR)")
        }
        let first = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("What is the capital of France?", model: "chat"),
                                        key: r.gw.developer)
        XCTAssertEqual(first.header("x-llmops-cache"), "miss")
        let similar = try await r.gw.post("/v1/chat/completions",
                                          GatewayHarness.chat("what's the capital city of France", model: "chat"), key: r.gw.developer)
        XCTAssertEqual(similar.header("x-llmops-cache"), "hit")
        XCTAssertEqual(similar.json["choices"]?[0]?["message"]?["content"]?.stringValue, "echo: What is the capital of France?")
        XCTAssertEqual(r.primary.requests.count, 1)
        let trace = try await r.trace(of: similar)
        XCTAssertEqual(trace["metadata"]?["cache_kind"]?.stringValue, "semantic")
        let similarity = trace["metadata"]?["cache_similarity"]?.doubleValue ?? 0
        XCTAssertTrue(similarity >= 0.85 && similarity < 1, "similarity \(similarity)")
        XCTAssertGreaterThan(trace["metadata"]?["cost_saved_usd"]?.doubleValue ?? 0, 0)

        let unrelated = try await r.gw.post("/v1/chat/completions", GatewayHarness.chat("How do I bake sourdough bread?", model: "chat"),
                                            key: r.gw.developer)
        XCTAssertEqual(unrelated.header("x-llmops-cache"), "miss")
        let otherProject = try await r.gw.post("/v1/chat/completions",
                                               GatewayHarness.chat("What is the capital of France?", model: "chat"),
                                               key: r.gw.otherProject)
        XCTAssertEqual(otherProject.header("x-llmops-cache"), "miss", "never across projects")
        XCTAssertEqual(r.primary.requests.count, 3)
    }
}
