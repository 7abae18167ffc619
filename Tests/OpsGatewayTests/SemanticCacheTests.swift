import OpsCore
@testable import OpsGateway
import XCTest

final class SemanticCacheTests: XCTestCase {
    private let embedder = TableEmbedder(table: [
        "What is the capital of France?": [1, 0, 0, 0],
        "what's France's capital city": [0.98, 0.2, 0, 0],
        "How tall is Everest?": [0, 1, 0, 0],
    ])

    private func ask(_ text: String, system: String = "be brief", model: String = "chat") -> ChatRequest {
        ChatRequest(model: model, messages: [.system(system), .user(text)])
    }

    func testSimilarQuestionHitsWithItsSimilarity() async throws {
        let cache = SemanticCache<String>(embedder: embedder)
        let stored = try await cache.probe(project: "p", request: ask("What is the capital of France?"))!
        cache.insert("Paris", for: stored)
        let probe = try await cache.probe(project: "p", request: ask("what's France's capital city"))!
        let hit = cache.lookup(probe, threshold: 0.95)
        XCTAssertEqual(hit?.value, "Paris")
        XCTAssertEqual(Double(hit?.similarity ?? 0), 0.98 / (0.98 * 0.98 + 0.04).squareRoot(), accuracy: 1e-5)
        XCTAssertNil(cache.lookup(probe, threshold: 0.99), "below the route's threshold")
        let unrelated = try await cache.probe(project: "p", request: ask("How tall is Everest?"))!
        XCTAssertNil(cache.lookup(unrelated, threshold: 0.5))
    }

    func testNeverAcrossProjectsModelsOrSystemPrompts() async throws {
        let cache = SemanticCache<String>(embedder: embedder)
        let stored = try await cache.probe(project: "p1", request: ask("What is the capital of France?"))!
        cache.insert("Paris", for: stored)
        for (project, request) in [("p2", ask("What is the capital of France?")),
                                   ("p1", ask("What is the capital of France?", model: "other")),
                                   ("p1", ask("What is the capital of France?", system: "answer in French"))] {
            let probe = try await cache.probe(project: project, request: request)!
            XCTAssertNil(cache.lookup(probe, threshold: 0.5))
        }
    }

    func testRequestsWithoutAUserMessageOrWithAZeroVectorAreNotCached() async throws {
        let cache = SemanticCache<String>(embedder: embedder)
        let noUser = try await cache.probe(project: "p", request: ChatRequest(model: "chat", messages: [.system("s")]))
        XCTAssertNil(noUser)
        let zero = try await cache.probe(project: "p", request: ask("never embedded"))
        XCTAssertNil(zero)
    }

    func testLargePartitionFindsNearDuplicatesThroughTheSketchPass() {
        let dims = 128, count = VectorPartition<Int>.exactScanLimit + 2_000
        var random = SplitMix64(seed: 21)
        let cache = SemanticCache<Int>(embedder: embedder, maxEntriesPerPartition: count)
        let partition = SemanticCache<Int>.Partition(project: "p", request: ask("x"))
        var kept: [(Int, [Float])] = []
        for i in 0..<count {
            let v = (0..<dims).map { _ in Float.random(in: -1...1, using: &random) }
            cache.insert(i, for: cache.probe(partition: partition, vector: v)!)
            if i % 997 == 0 { kept.append((i, v)) }
        }
        for (i, v) in kept {
            let near = v.map { $0 + Float.random(in: -0.05...0.05, using: &random) }
            XCTAssertEqual(cache.lookup(cache.probe(partition: partition, vector: near)!, threshold: 0.95)?.value, i)
        }
    }

    func testFullPartitionEvictsTheOldestEntry() {
        let cache = SemanticCache<Int>(embedder: embedder, maxEntriesPerPartition: 2)
        let partition = SemanticCache<Int>.Partition(project: "p", request: ask("x"))
        let vectors: [[Float]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        for (i, v) in vectors.enumerated() { cache.insert(i, for: cache.probe(partition: partition, vector: v)!) }
        XCTAssertEqual(cache.count, 2)
        XCTAssertNil(cache.lookup(cache.probe(partition: partition, vector: vectors[0])!, threshold: 0.9))
        XCTAssertEqual(cache.lookup(cache.probe(partition: partition, vector: vectors[2])!, threshold: 0.9)?.value, 2)
    }
}
