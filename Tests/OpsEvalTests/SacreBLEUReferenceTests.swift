import OpsCore
import XCTest
@testable import OpsEval

/// BLEU and chrF against sacrebleu 2.x on every fixture case, sentence and corpus level.
final class SacreBLEUReferenceTests: XCTestCase {
    private var cases: [(hyp: String, refs: [String])] = []
    private var fixture: JSONValue = .null

    override func setUpWithError() throws {
        cases = try Fixture.cases()
        fixture = try Fixture.load("sacrebleu.json")
        XCTAssertGreaterThanOrEqual(cases.count, 300)
    }

    func testSentenceBLEUForEverySmoothing() throws {
        let expected = fixture["sentence"]!.arrayValue!
        for (key, smoothing) in [("exp", BLEUMetric.Smoothing.exp), ("floor", .floor), ("add-k", .addK), ("none", .none)] {
            let bleu = try BLEUMetric(smoothing: smoothing)
            for (i, c) in cases.enumerated() {
                let reference = expected[i][key]!
                let stats = try bleu.statistics(hypothesis: c.hyp, references: c.refs)
                // sacrebleu's add-k adds k to the counts it reports, in place; the other methods report raw counts.
                if smoothing != .addK {
                XCTAssertEqual(stats.correct, reference["counts"]!.arrayValue!.map { $0.intValue! }, "case \(i) counts")
                XCTAssertEqual(stats.total, reference["totals"]!.arrayValue!.map { $0.intValue! }, "case \(i) totals")
                }
                XCTAssertEqual(stats.referenceLength, reference["ref_len"]!.intValue, "case \(i) ref_len")
                let score = stats.score(smoothing: smoothing, smoothValue: nil, effectiveOrder: true)
                assertClose(score.value, reference["score"], "sentence BLEU (\(key)) case \(i): \(c.hyp.debugDescription)")
                assertClose(score.detail("bp")!, reference["bp"], "BP (\(key)) case \(i)")
            }
        }
    }

    func testSentenceChrFAndChrFPlusPlus() throws {
        let expected = fixture["sentence"]!.arrayValue!
        let chrf = try ChrFMetric()
        let chrfpp = try ChrFMetric(wordOrder: 2)
        for (i, c) in cases.enumerated() {
            assertClose(try chrf.score(hypothesis: c.hyp, references: c.refs).value, expected[i]["chrf"],
                        "chrF case \(i): \(c.hyp.debugDescription)")
            assertClose(try chrfpp.score(hypothesis: c.hyp, references: c.refs).value, expected[i]["chrfpp"],
                        "chrF++ case \(i): \(c.hyp.debugDescription)")
        }
    }

    func testOptionVariants() throws {
        let expected = fixture["sentence"]!.arrayValue!
        let variants: [(String, any Metric)] = [
            ("bleu_lc", try BLEUMetric(lowercase: true)),
            ("chrf_whitespace", try ChrFMetric(whitespace: true)),
            ("chrf_eps", try ChrFMetric(epsSmoothing: true)),
            ("chrf_lc", try ChrFMetric(lowercase: true)),
        ]
        for (key, metric) in variants {
            for (i, c) in cases.enumerated() {
                assertClose(try metric.score(hypothesis: c.hyp, references: c.refs).value, expected[i][key],
                            "\(key) case \(i): \(c.hyp.debugDescription)")
            }
        }
    }

    func testCorpusScoresPoolStatistics() throws {
        let bleu = try BLEUMetric()
        let chrf = try ChrFMetric()
        let chrfpp = try ChrFMetric(wordOrder: 2)
        let corpora = fixture["corpus"]!.arrayValue!
        XCTAssertGreaterThan(corpora.count, 10)
        for corpus in corpora {
            let range = corpus["start"]!.intValue!..<corpus["end"]!.intValue!
            let hyps = range.map { cases[$0].hyp }
            let refs = range.map { cases[$0].refs }
            assertClose(try bleu.corpusScore(hypotheses: hyps, references: refs).value, corpus["bleu"]!["score"],
                        "corpus BLEU \(range)")
            assertClose(try chrf.corpusScore(hypotheses: hyps, references: refs).value, corpus["chrf"], "corpus chrF \(range)")
            assertClose(try chrfpp.corpusScore(hypotheses: hyps, references: refs).value, corpus["chrfpp"],
                        "corpus chrF++ \(range)")
        }
    }

    func testSentenceScoreIsEffectiveOrderScoreOfTheStatistics() throws {
        let bleu = try BLEUMetric()
        for c in cases.prefix(40) {
            let stats = try bleu.statistics(hypothesis: c.hyp, references: c.refs)
            XCTAssertEqual(try bleu.score(hypothesis: c.hyp, references: c.refs),
                           stats.score(smoothing: .exp, smoothValue: nil, effectiveOrder: true))
        }
    }

    func testCorpusBLEUIsNotTheMeanOfSentenceScores() throws {
        let bleu = try BLEUMetric()
        let hyps = ["the cat sat on the mat", "a dog"]
        let refs = [["the cat sat on the mat"], ["the dog barked loudly"]]
        let corpus = try bleu.corpusScore(hypotheses: hyps, references: refs).value
        let mean = try zip(hyps, refs).map { try bleu.score(hypothesis: $0, references: $1).value }.reduce(0, +) / 2
        XCTAssertNotEqual(corpus, mean, accuracy: 1)
    }
}
