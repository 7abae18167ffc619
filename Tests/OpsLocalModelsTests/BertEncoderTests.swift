import XCTest
@testable import OpsLocalModels

/// How a batch is split into per-core passes (the vectors themselves are checked against
/// sentence-transformers in MiniLMReferenceTests, with and without the split).
final class BertEncoderTests: XCTestCase {
    func testGroupsSplitTokensEvenlyOrNotAtAll() {
        XCTAssertEqual(BertEncoder.groups([10, 10, 10, 10], into: 2), [0..<2, 2..<4])
        XCTAssertEqual(BertEncoder.groups([5, 5, 5, 5, 20], into: 2), [0..<4, 4..<5])
        XCTAssertEqual(BertEncoder.groups(Array(repeating: 7, count: 9), into: 3), [0..<3, 3..<6, 6..<9])
        // Too few sequences, one thread, or a split that cannot come out even: one pass.
        XCTAssertEqual(BertEncoder.groups([10, 10, 10], into: 2), [0..<3])
        XCTAssertEqual(BertEncoder.groups([10, 10, 10, 10], into: 1), [0..<4])
        XCTAssertEqual(BertEncoder.groups([1, 1, 1, 100], into: 2), [0..<4])
    }

    func testSplitAndSinglePassGiveTheSameVectors() async throws {
        let embedder = try TestSupport.embedder()
        let texts = (0..<9).map { "sentence number \($0) about " + String(repeating: "tokens ", count: $0 + 1) }
        let batch = try await embedder.embed(texts)
        for (text, vector) in zip(texts, batch.vectors) {
            let alone = try await embedder.embed([text]).vectors[0]
            XCTAssertGreaterThan(TestSupport.cosine(alone, vector), 0.99999, text)
        }
    }
}
