import XCTest
@testable import OpsLocalModels

/// Compares against sentence-transformers' output committed in `Fixtures/minilm.json`
/// (made by `scripts/local-models/make_minilm_fixtures.py`).
final class MiniLMReferenceTests: XCTestCase {
    private func cases() throws -> [[String: Any]] {
        try XCTUnwrap(TestSupport.fixtureJSON("minilm.json")["cases"] as? [[String: Any]])
    }

    func testTokenIDsMatchTheModelsOwnTokenizer() throws {
        let tokenizer = try TestSupport.embedder().tokenizer
        let all = try cases()
        XCTAssertGreaterThanOrEqual(all.count, 200)
        var mismatches: [String] = []
        for c in all {
            let text = try XCTUnwrap(c["text"] as? String)
            let expected = try XCTUnwrap(c["ids"] as? [Int])
            let got = tokenizer.encode(text)
            if got != expected { mismatches.append("\(text.debugDescription): \(got) != \(expected)") }
        }
        XCTAssert(mismatches.isEmpty, "\(mismatches.count) mismatches:\n" + mismatches.prefix(5).joined(separator: "\n"))
    }

    func testEmbeddingsMatchSentenceTransformers() async throws {
        let embedder = try TestSupport.embedder()
        // Unoptimized, only short texts: a 256-token text alone takes a minute there.
        let all = TestSupport.workload(try cases(), stride: 10) { (($0["ids"] as? [Int])?.count ?? 0) <= 48 }
        let texts = try all.map { try XCTUnwrap($0["text"] as? String) }
        let batch = try await embedder.embed(texts)
        XCTAssertEqual(batch.vectors.count, texts.count)
        var worst = 1.0
        for (c, vector) in zip(all, batch.vectors) {
            let expected = try XCTUnwrap(c["embedding"] as? [Double]).map(Float.init)
            let cos = TestSupport.cosine(vector, expected)
            worst = min(worst, cos)
            XCTAssertGreaterThanOrEqual(cos, 0.9999, "text \(String(describing: c["text"]).prefix(60))")
        }
        print("MiniLM worst cosine vs sentence-transformers: \(worst)")
        XCTAssertEqual(batch.promptTokens, try all.reduce(0) { $0 + (try XCTUnwrap($1["ids"] as? [Int])).count })
    }
}
