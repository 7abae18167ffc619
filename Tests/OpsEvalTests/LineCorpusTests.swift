import XCTest
@testable import OpsEval

final class LineCorpusTests: XCTestCase {
    func testPairsLinesAcrossReferenceFiles() throws {
        let corpus = try LineCorpus(hypothesis: ("h.txt", "a\nb\n"), references: [("r1.txt", "A\nB\n"), ("r2.txt", "x\n\n")])
        XCTAssertEqual(corpus.hypotheses, ["a", "b"])
        XCTAssertEqual(corpus.references, [["A", "x"], ["B", ""]])
    }

    func testUnequalLineCountsNameTheFilesAndCounts() {
        XCTAssertThrowsError(try LineCorpus(hypothesis: ("h.txt", "a\nb\nc\n"), references: [("r.txt", "a\nb\n")])) { error in
            XCTAssertEqual("\(error)", "h.txt has 3 lines but r.txt has 2; each line of the hypothesis file pairs "
                + "with the same line of every reference file")
        }
    }

    func testLineSplittingLikeAFileOfLines() {
        XCTAssertEqual(LineCorpus.lines("a\r\nb\r\n"), ["a", "b"])
        XCTAssertEqual(LineCorpus.lines("a\n\nb"), ["a", "", "b"])
        XCTAssertEqual(LineCorpus.lines(""), [])
        XCTAssertEqual(LineCorpus.lines("\n"), [""])
        // Only \n ends a line: U+2028 and \r alone stay inside it, as in sacrebleu's line files.
        XCTAssertEqual(LineCorpus.lines("a\u{2028}b\rc\n"), ["a\u{2028}b\rc"])
    }

    func testUnescapedNewlinesBecomeSentenceBreaks() throws {
        let corpus = try LineCorpus(hypothesis: ("h", #"One.\nTwo.\tx\\n"# + "\n"), references: [], unescapeNewlines: true)
        XCTAssertEqual(corpus.hypotheses, ["One.\nTwo.\\tx\\\\n"])
        XCTAssertEqual(corpus.references, [[]])
    }
}
