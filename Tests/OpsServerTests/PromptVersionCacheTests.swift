import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import Synchronization
import XCTest

/// A prompt store that counts the reads the cache lets through.
private final class CountingPromptStore: PromptStore {
    let inner = InMemoryPromptStore()
    private let counter = Mutex(0)
    var reads: Int { counter.withLock { $0 } }
    private func count() { counter.withLock { $0 += 1 } }

    func createVersion(_ draft: PromptDraft, project: String) async throws -> PromptVersion {
        try await inner.createVersion(draft, project: project)
    }
    func version(project: String, name: String, number: Int) async throws -> PromptVersion? {
        count(); return try await inner.version(project: project, name: name, number: number)
    }
    func latestVersion(project: String, name: String) async throws -> PromptVersion? {
        count(); return try await inner.latestVersion(project: project, name: name)
    }
    func versions(project: String, name: String) async throws -> [PromptVersion] { try await inner.versions(project: project, name: name) }
    func prompts(project: String) async throws -> [Prompt] { try await inner.prompts(project: project) }
    func labels(project: String, name: String) async throws -> [PromptLabel] {
        count(); return try await inner.labels(project: project, name: name)
    }
    func moveLabel(project: String, name: String, label: String, to version: Int, actor: String) async throws -> LabelMove {
        try await inner.moveLabel(project: project, name: name, label: label, to: version, actor: actor)
    }
    func labelMoves(project: String, name: String) async throws -> [LabelMove] { try await inner.labelMoves(project: project, name: name) }
}

final class PromptVersionCacheTests: XCTestCase {
    private func push(_ store: CountingPromptStore, _ text: String, project: String = "p") async throws -> PromptVersion {
        let push = try PromptPush(json: ["name": "greet", "text": .string(text)], author: "k")
        return try await store.createVersion(push.draft, project: project)
    }

    func testNumberedVersionsAreReadOnce() async throws {
        let store = CountingPromptStore()
        _ = try await push(store, "Hello {{name}}")
        let cache = PromptVersionCache(store: store)
        for _ in 0..<5 {
            let version = try await cache.resolve(PromptReference(name: "greet", selector: .version(1)), project: "p")
            XCTAssertEqual(version.number, 1)
        }
        XCTAssertEqual(store.reads, 1)
        await assertNotFound { try await cache.resolve(PromptReference(name: "greet", selector: .version(1)), project: "other") }
    }

    func testLabelsAreLookedUpAgainAfterTheTTLOrAnInvalidation() async throws {
        let store = CountingPromptStore()
        _ = try await push(store, "one")
        _ = try await push(store, "two")
        try await store.moveLabel(project: "p", name: "greet", label: "production", to: 1, actor: "k")
        let cache = PromptVersionCache(store: store, ttl: .milliseconds(200))
        let production = PromptReference(name: "greet", selector: .label("production"))
        let first = try await cache.resolve(production, project: "p")
        let readsAfterFirst = store.reads
        let again = try await cache.resolve(production, project: "p")
        XCTAssertEqual([first.number, again.number], [1, 1])
        XCTAssertEqual(store.reads, readsAfterFirst, "a fresh label is not looked up again")

        try await store.moveLabel(project: "p", name: "greet", label: "production", to: 2, actor: "k")
        cache.invalidate(project: "p", name: "greet")
        let moved = try await cache.resolve(production, project: "p")
        XCTAssertEqual(moved.number, 2, "a move through this server applies at once")

        try await store.moveLabel(project: "p", name: "greet", label: "production", to: 1, actor: "k")
        try await Task.sleep(for: .milliseconds(300))
        let elsewhere = try await cache.resolve(production, project: "p")
        XCTAssertEqual(elsewhere.number, 1, "a move made elsewhere applies once the TTL ran out")

        let latest = try await cache.resolve(PromptReference(name: "greet"), project: "p")
        XCTAssertEqual(latest.number, 2)
        await assertNotFound { try await cache.resolve(PromptReference(name: "greet", selector: .label("staging")), project: "p") }
    }

    private func assertNotFound(_ body: () async throws -> PromptVersion, line: UInt = #line) async {
        do {
            _ = try await body()
            XCTFail("expected prompt_not_found", line: line)
        } catch let error as OpsError {
            XCTAssertEqual(error.code, "prompt_not_found", line: line)
        } catch {
            XCTFail("unexpected \(error)", line: line)
        }
    }
}
