import OpsCore
import XCTest
@testable import OpsEval

/// ROUGE-1/2/L/Lsum against Google's rouge-score (`score_multi`), stemmer off and on.
final class RougeReferenceTests: XCTestCase {
    func testPlain() throws { try check(stemmed: false) }

    func testStemmed() throws { try check(stemmed: true) }

    private func check(stemmed: Bool) throws {
        let cases = try Fixture.cases()
        let rows = try Fixture.load("rouge.json")[stemmed ? "stemmed" : "plain"]!.arrayValue!
        XCTAssertEqual(rows.count, cases.count)
        let metrics: [any Metric] = [
            try RougeNMetric(n: 1, useStemmer: stemmed), try RougeNMetric(n: 2, useStemmer: stemmed),
            RougeLMetric(useStemmer: stemmed), RougeLsumMetric(useStemmer: stemmed),
        ]
        for (i, c) in cases.enumerated() {
            for metric in metrics {
                let expected = rows[i][metric.name]!.arrayValue!
                let score = try metric.score(hypothesis: c.hyp, references: c.refs)
                let label = "\(metric.name) stemmer=\(stemmed) case \(i): \(c.hyp.debugDescription)"
                assertClose(score.detail("precision")!, expected[0], "precision of \(label)")
                assertClose(score.detail("recall")!, expected[1], "recall of \(label)")
                assertClose(score.value, expected[2], "F of \(label)")
            }
        }
    }
}
