import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// A request that names its end user (`user`) is answered from cache only with that user's own
/// answers, in the exact and in the semantic cache; requests naming no user share the project's.
final class CachePerUserTests: XCTestCase {
    private func ask(_ r: RoutedGateway, _ text: String, user: String?) async throws -> GatewayHarness.Reply {
        let extra: [(String, JSONValue)] = user.map { [("user", .string($0))] } ?? []
        return try await r.gw.post("/v1/chat/completions", GatewayHarness.chat(text, model: "chat", extra: extra), key: r.gw.developer)
    }

    func testExactCacheServesAUsersAnswerOnlyToThatUser() async throws {
        let r = try await RoutedGateway.start { $0.cache.exactTTLSeconds = 60 }
        addTeardownBlock { await r.stop() }
        let u = try await ask(r, "my account balance?", user: "user-u")
        XCTAssertEqual(u.header("x-llmops-cache"), "miss")
        let v = try await ask(r, "my account balance?", user: "user-v")
        XCTAssertEqual(v.header("x-llmops-cache"), "miss", "U's answer is not served to V")
        let anonymous = try await ask(r, "my account balance?", user: nil)
        XCTAssertEqual(anonymous.header("x-llmops-cache"), "miss", "nor to a request naming no user")
        let uAgain = try await ask(r, "my account balance?", user: "user-u")
        XCTAssertEqual(uAgain.header("x-llmops-cache"), "hit", "U gets its own hit")
        XCTAssertEqual(uAgain.body, u.body)
        let anonymousAgain = try await ask(r, "my account balance?", user: nil)
        XCTAssertEqual(anonymousAgain.header("x-llmops-cache"), "hit", "requests without a user share the project's entries")
        XCTAssertEqual(r.primary.requests.count, 3)
    }

    func testSemanticCacheServesAUsersAnswerOnlyToThatUser() async throws {
        let r = try await RoutedGateway.start(route: { $0.cache.semanticThreshold = 0.85 },
                                              configure: { $0.localModels.enabled = true })
        addTeardownBlock { await r.stop() }
        guard r.gw.server.services.catalog.entry(named: "local/all-minilm-l6-v2") != nil else {
            return XCTFail("the MiniLM weights are missing: run `make models` (or set LOCAL_MODELS_DIR)")
        }
        let u = try await ask(r, "What is the capital of France?", user: "user-u")
        XCTAssertEqual(u.header("x-llmops-cache"), "miss")
        let v = try await ask(r, "what's the capital city of France", user: "user-v")
        XCTAssertEqual(v.header("x-llmops-cache"), "miss", "U's answer is not served to V")
        let uAgain = try await ask(r, "what's the capital city of France", user: "user-u")
        XCTAssertEqual(uAgain.header("x-llmops-cache"), "hit", "U gets its own hit")
        XCTAssertEqual(uAgain.json["choices"]?[0]?["message"]?["content"]?.stringValue, "echo: What is the capital of France?")
        XCTAssertEqual(r.primary.requests.count, 2)
    }
}
