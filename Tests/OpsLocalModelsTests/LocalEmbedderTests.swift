import XCTest
import OpsCore
@testable import OpsLocalModels

final class LocalEmbedderTests: XCTestCase {
    func testEmptyInputIsAClientError() async throws {
        let embedder = try TestSupport.embedder()
        do {
            _ = try await embedder.embed([])
            XCTFail("expected emptyInput")
        } catch let error as LocalModelError {
            XCTAssertEqual(error, .emptyInput)
            XCTAssertTrue(error.isClientError)
        }
    }

    func testBatchingDoesNotChangeVectorsAndOrderIsKept() async throws {
        let embedder = try TestSupport.embedder()
        let texts = ["short", "a somewhat longer sentence about gateways and caches", "", "日本語", "short"]
        let batch = try await embedder.embed(texts)
        XCTAssertEqual(batch.vectors.count, texts.count)
        XCTAssertEqual(embedder.dimensions, 384)
        for (text, vector) in zip(texts, batch.vectors) {
            let alone = try await embedder.embed([text]).vectors[0]
            XCTAssertGreaterThan(TestSupport.cosine(alone, vector), 0.99999, text)
            XCTAssertEqual(vector.reduce(0) { $0 + $1 * $1 }, 1, accuracy: 1e-4)
        }
        // The same text twice in one batch: rows in different GEMM tiles may differ in the last bits.
        for (a, b) in zip(batch.vectors[0], batch.vectors[4]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testMissingWeightsNameMakeModels() {
        XCTAssertThrowsError(try LocalEmbedder(directory: "/nonexistent")) {
            XCTAssertTrue("\($0)".contains("make models"), "\($0)")
        }
    }
}
