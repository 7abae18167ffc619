import OpsCore
import XCTest
@testable import OpsEval

final class EmbeddingSimilarityMetricTests: XCTestCase {
    /// Embeds a text as letter counts over "abc", so expected cosines are easy to work out.
    private struct LetterCountEmbedder: Embedder {
        let modelName = "letters"
        let dimensions = 3
        func embed(_ texts: [String]) async throws -> EmbeddingBatch {
            EmbeddingBatch(vectors: texts.map { t in ["a", "b", "c"].map { c in Float(t.filter { $0 == c }.count) } },
                           promptTokens: texts.count)
        }
    }

    private struct ShortEmbedder: Embedder {
        let modelName = "short"
        let dimensions = 1
        func embed(_ texts: [String]) async throws -> EmbeddingBatch { EmbeddingBatch(vectors: [[1]], promptTokens: 1) }
    }

    func testCosineOfBestReference() async throws {
        let metric = EmbeddingSimilarityMetric(embedder: LetterCountEmbedder())
        let scores = try await metric.scores(hypotheses: ["ab", "c"], references: [["ab"], ["a", "cc"]])
        XCTAssertEqual(scores[0].value, 1, accuracy: 1e-12)
        XCTAssertEqual(scores[1].value, 1, accuracy: 1e-12)
        let orthogonal = try await metric.score(hypothesis: "a", references: ["b"])
        XCTAssertEqual(orthogonal.value, 0, accuracy: 1e-12)
        XCTAssertEqual(EmbeddingSimilarityMetric.cosine([1, 1], [1, 0]), 1 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(EmbeddingSimilarityMetric.cosine([0, 0], [1, 0]), 0)
    }

    func testEmbedderReturningTooFewVectorsIsAnError() async {
        let metric = EmbeddingSimilarityMetric(embedder: ShortEmbedder())
        do {
            _ = try await metric.score(hypothesis: "x", references: ["y"])
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual("\(error)", "the embedder returned 1 vectors for 2 texts")
        }
    }
}
