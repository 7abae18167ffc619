import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import OpsEval

/// Threshold parsing, the gate's decision and reasons, and JUnit XML that parses.
final class CIGateTests: XCTestCase {
    func testParsesThresholds() throws {
        XCTAssertEqual(try CIThreshold(parsing: "bleu=30"), CIThreshold(metric: "bleu", minimum: 30))
        XCTAssertEqual(try CIThreshold(parsing: " json_valid = 0.95 ").minimum, 0.95)
        let cases: [(String, String)] = [
            ("bleu30", "threshold 'bleu30' has no '='; write METRIC=VALUE, e.g. bleu=30"),
            ("=30", "threshold '=30' has no metric before '='; write METRIC=VALUE, e.g. bleu=30"),
            ("bleu=high", "threshold 'bleu=high': 'high' is not a number"),
            ("bleu=inf", "threshold 'bleu=inf': 'inf' is not a number"),
            ("blue=3", "threshold 'blue=3' names metric 'blue', which this run does not compute; metrics: bleu, exact"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try CIThreshold(parsing: text, knownMetrics: ["bleu", "exact"]), text) { error in
                XCTAssertEqual((error as? EvalError)?.description, message)
            }
        }
    }

    func testThresholdsAndRegressionsDecide() throws {
        let baseline = (0..<40).map { 0.5 + Double($0 % 9) / 20 }
        let worse = try PairedComparison(baseline: baseline, candidate: baseline.map { $0 - 0.1 })
        let same = try PairedComparison(baseline: baseline, candidate: baseline)
        let gate = CIGate(thresholds: [CIThreshold(metric: "bleu", minimum: 30), CIThreshold(metric: "exact", minimum: 0.5),
                                       CIThreshold(metric: "rougeL", minimum: 0.1)])
        let outcome = gate.evaluate(means: ["bleu": 27.3125, "exact": 0.75], comparisons: ["exact": worse, "bleu": same])
        XCTAssertFalse(outcome.passed)
        XCTAssertEqual(outcome.checks.map(\.passed), [false, true, false, true, false])
        XCTAssertEqual(outcome.reasons[0], "bleu 27.3125 < 30 (threshold)")
        XCTAssertEqual(outcome.reasons[1], "rougeL: no scores (threshold 0.1)")
        XCTAssertTrue(outcome.reasons[2].hasPrefix("exact 0.6875 -> 0.5875 vs baseline: significant regression (difference -0.1"),
                      outcome.reasons[2])
        XCTAssertTrue(outcome.reasons[2].contains("Wilcoxon p=2.67e-10"), outcome.reasons[2])
        XCTAssertTrue(CIGate(thresholds: [CIThreshold(metric: "bleu", minimum: 20)])
            .evaluate(means: ["bleu": 20], comparisons: ["bleu": same]).passed)
    }

    func testJUnitXMLParsesAndEscapesEverything() throws {
        let hostile = "a<b & \"c\" 'd' > e\n\ttab \u{0}\u{1B}\u{FFFE} ]]> <!-- x --> é 😀"
        let outcome = CIGate.Outcome(checks: [
            CIGate.Check(kind: .threshold, metric: "bleu", passed: true, message: "ok"),
            CIGate.Check(kind: .threshold, metric: hostile, passed: false, message: hostile),
            CIGate.Check(kind: .regression, metric: "exact", passed: false, message: "worse"),
        ])
        let xml = JUnitReport(suiteName: "eval <qa>", outcome: outcome, properties: [("prompt", "qa@production & co")],
                              time: 1.5).xml()
        let collector = XMLCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")\n\(xml)")
        XCTAssertEqual(collector.elements.filter { $0 == "testcase" }.count, 3)
        XCTAssertEqual(collector.elements.filter { $0 == "failure" }.count, 2)
        XCTAssertEqual(collector.attributes["testsuite"]?["failures"], "2")
        XCTAssertEqual(collector.attributes["property"]?["value"], "qa@production & co")
        XCTAssertEqual(collector.failureMessages.last, "worse")
        XCTAssertEqual(collector.failureMessages.first,
                       "a<b & \"c\" 'd' > e\n\ttab \u{FFFD}\u{FFFD}\u{FFFD} ]]> <!-- x --> é 😀")
    }
}

/// Records what XMLParser saw.
private final class XMLCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var attributes: [String: [String: String]] = [:]
    var failureMessages: [String] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(elementName)
        attributes[elementName] = attributeDict
        if elementName == "failure", let message = attributeDict["message"] { failureMessages.append(message) }
    }
}
