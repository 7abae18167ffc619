import XCTest
@testable import OpsEval

/// A judge's answer parses strictly: one JSON object {"score", "reason"}, bare or in one fenced
/// block; everything looser is an error that says what was wrong.
final class JudgeVerdictTests: XCTestCase {
    private func verdict(_ text: String, _ range: ClosedRange<Double> = 1...5) throws -> JudgeVerdict {
        try JudgeVerdict(parsing: text, range: range)
    }

    private func assertRejected(_ text: String, _ range: ClosedRange<Double> = 1...5, contains message: String,
                                file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try verdict(text, range), file: file, line: line) { error in
            guard case EvalError.judgeAnswer(let reason) = error else {
                return XCTFail("expected a judge answer error, got \(error)", file: file, line: line)
            }
            XCTAssertTrue(reason.contains(message), "'\(reason)' does not contain '\(message)'", file: file, line: line)
        }
    }

    func testPlainAndFencedAnswersParse() throws {
        XCTAssertEqual(try verdict(#"{"score": 4, "reason": "mostly right"}"#), JudgeVerdict(score: 4, reason: "mostly right"))
        XCTAssertEqual(try verdict("  \n{\"reason\": \"ok\", \"score\": 2.5}\n"), JudgeVerdict(score: 2.5, reason: "ok"))
        XCTAssertEqual(try verdict("```json\n{\"score\": 5, \"reason\": \"exact\"}\n```"), JudgeVerdict(score: 5, reason: "exact"))
        XCTAssertEqual(try verdict("```JSON\n{\"score\": 1,\n \"reason\": \"wrong\"}\n```\n"), JudgeVerdict(score: 1, reason: "wrong"))
        XCTAssertEqual(try verdict("```\n{\"score\": 3, \"reason\": \"\"}\n```"), JudgeVerdict(score: 3, reason: ""))
        XCTAssertEqual(try verdict(#"{"score": 0, "reason": "r"}"#, 0...1).score, 0, "the range's ends are inside it")
        XCTAssertEqual(try verdict(#"{"score": 1.0, "reason": "r"}"#, 0...1).score, 1)
    }

    func testLooserAnswersAreErrors() {
        assertRejected("The score is 4.", contains: "is not JSON")
        assertRejected(#"Sure! {"score": 4, "reason": "ok"}"#, contains: "is not JSON")
        assertRejected(#"{"score": 4, "reason": "ok"} Hope this helps"#, contains: "is not JSON")
        assertRejected("```python\n{\"score\": 4, \"reason\": \"ok\"}\n```", contains: "not one ```json")
        assertRejected("```json\n{\"score\": 4, \"reason\": \"ok\"}", contains: "not one ```json")
        assertRejected("[4, \"ok\"]", contains: "must be a JSON object")
        assertRejected(#"{"score": "4", "reason": "ok"}"#, contains: "'score' must be a number, got a string")
        assertRejected(#"{"score": true, "reason": "ok"}"#, contains: "'score' must be a number, got a boolean")
        assertRejected(#"{"reason": "ok"}"#, contains: "has no 'score'")
        assertRejected(#"{"score": 4}"#, contains: "has no 'reason'")
        assertRejected(#"{"score": 4, "reason": 7}"#, contains: "'reason' must be a string")
        assertRejected(#"{"score": 4, "reason": "ok", "confidence": 0.9}"#, contains: "unexpected field 'confidence'")
        assertRejected("", contains: "is not JSON")
    }

    func testScoresOutsideTheRubricRangeAreErrors() {
        assertRejected(#"{"score": 6, "reason": "great"}"#, contains: "score 6 is outside the rubric's range [1, 5]")
        assertRejected(#"{"score": 0, "reason": "bad"}"#, contains: "score 0 is outside the rubric's range [1, 5]")
        assertRejected(#"{"score": 1.5, "reason": "x"}"#, 0...1, contains: "score 1.5 is outside the rubric's range [0, 1]")
        assertRejected(#"{"score": -0.01, "reason": "x"}"#, 0...1, contains: "outside the rubric's range")
    }
}
