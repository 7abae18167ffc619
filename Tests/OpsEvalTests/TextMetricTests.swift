import XCTest
@testable import OpsEval

/// Exact match, contains, regex and Levenshtein: the reference-free and string metrics.
final class TextMetricTests: XCTestCase {
    func testExactMatchNormalization() throws {
        XCTAssertEqual(try ExactMatchMetric().score(hypothesis: "Paris", references: ["Paris"]).value, 1)
        XCTAssertEqual(try ExactMatchMetric().score(hypothesis: "paris.", references: ["Paris"]).value, 0)
        let lenient = ExactMatchMetric(normalization: .lenient)
        XCTAssertEqual(try lenient.score(hypothesis: "  paris. ", references: ["London", "Paris"]).value, 1)
        let caseOnly = ExactMatchMetric(normalization: TextNormalization(ignoreCase: true))
        XCTAssertEqual(try caseOnly.score(hypothesis: "PARIS", references: ["paris"]).value, 1)
        XCTAssertEqual(try caseOnly.score(hypothesis: "PARIS ", references: ["paris"]).value, 0)
        let spaces = ExactMatchMetric(normalization: TextNormalization(collapseWhitespace: true))
        XCTAssertEqual(try spaces.score(hypothesis: " a \t b\n", references: ["a b"]).value, 1)
        XCTAssertThrowsError(try ExactMatchMetric().score(hypothesis: "x", references: [])) { error in
            XCTAssertEqual(error as? EvalError, .missingReference(metric: "exact"))
        }
    }

    func testContainsAndNotContains() throws {
        let contains = ContainsMetric()
        XCTAssertEqual(try contains.score(hypothesis: "the answer is 42", references: ["42", "answer"]).value, 1)
        let missing = try contains.score(hypothesis: "the answer is 42", references: ["42", "43"])
        XCTAssertEqual(missing.value, 0)
        XCTAssertEqual(missing.reason, "the output does not contain \"43\"")
        XCTAssertEqual(try ContainsMetric(mode: .containsAny).score(hypothesis: "abc", references: ["x", "b"]).value, 1)
        let none = ContainsMetric(mode: .containsNone, normalization: TextNormalization(ignoreCase: true))
        XCTAssertEqual(none.name, "not_contains")
        XCTAssertEqual(try none.score(hypothesis: "I cannot help", references: ["sorry"]).value, 1)
        XCTAssertEqual(try none.score(hypothesis: "Sorry, no", references: ["sorry"]).value, 0)
        // Code-point search finds a base letter even when a combining accent follows it.
        XCTAssertEqual(try contains.score(hypothesis: "cafe\u{301}", references: ["cafe"]).value, 1)
    }

    func testRegexMatchesAndInvalidPatternNamesPatternAndReason() throws {
        let regex = try RegexMetric(pattern: #"^\d{3}-\d{4}$"#)
        XCTAssertEqual(try regex.score(hypothesis: "555-1234", references: []).value, 1)
        XCTAssertEqual(try regex.score(hypothesis: "call 555-1234", references: []).value, 0)
        let search = try RegexMetric(pattern: "b+", caseInsensitive: true)
        XCTAssertEqual(try search.score(hypothesis: "aBBa", references: []).value, 1)
        let whole = try RegexMetric(pattern: "b+", wholeText: true)
        XCTAssertEqual(try whole.score(hypothesis: "abba", references: []).value, 0)
        XCTAssertEqual(try whole.score(hypothesis: "bb", references: []).value, 1)
        XCTAssertThrowsError(try RegexMetric(pattern: "a(b")) { error in
            XCTAssertEqual(error as? EvalError, .invalidPattern(pattern: "a(b", reason: "expected ')'"))
            XCTAssertEqual("\(error)", "invalid regular expression 'a(b': expected ')'")
        }
        XCTAssertThrowsError(try MetricCatalog.make("regex")) { error in
            XCTAssertEqual("\(error)", "metric regex needs a pattern (--pattern)")
        }
    }

    func testLevenshteinSimilarity() throws {
        XCTAssertEqual(LevenshteinMetric.distance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(LevenshteinMetric.distance(Array(""), Array("abc")), 3)
        let metric = LevenshteinMetric()
        let score = try metric.score(hypothesis: "kitten", references: ["sitting"])
        XCTAssertEqual(score.value, 1 - 3.0 / 7.0, accuracy: 1e-12)
        XCTAssertEqual(score.detail("distance"), 3)
        XCTAssertEqual(try metric.score(hypothesis: "", references: [""]).value, 1)
        XCTAssertEqual(try metric.score(hypothesis: "abc", references: ["xyz", "abd"]).value, 2.0 / 3.0, accuracy: 1e-12)
        // One grapheme, whatever its code points: é composed vs decomposed are equal.
        XCTAssertEqual(try metric.score(hypothesis: "\u{e9}", references: ["e\u{301}"]).value, 1)
    }

    func testCatalogKnowsEveryNameAndRejectsUnknownOnes() throws {
        var options = MetricCatalog.Options()
        options.pattern = "x"
        options.schema = #"{"type": "string"}"#
        for name in MetricCatalog.names {
            XCTAssertEqual(try MetricCatalog.make(name, options: options).name, name)
        }
        XCTAssertThrowsError(try MetricCatalog.make("blue")) { error in
            XCTAssertTrue("\(error)".hasPrefix("unknown metric 'blue'; valid metrics: bleu, chrf, chrf++, rouge1"))
        }
    }

    func testEvaluateGivesMeanForSentenceMetricsAndChecksCounts() throws {
        let metric = ExactMatchMetric()
        let evaluation = try metric.evaluate(hypotheses: ["a", "b", "c", "d"], references: [["a"], ["x"], ["c"], ["y"]])
        XCTAssertEqual(evaluation.segments.map(\.value), [1, 0, 1, 0])
        XCTAssertEqual(evaluation.corpus.value, 0.5)
        XCTAssertThrowsError(try metric.evaluate(hypotheses: ["a"], references: []))
    }
}
