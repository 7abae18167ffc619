import OpsCore
import XCTest
@testable import OpsEval

/// External scorers over a scripted transport: the request they get, the answers they may give,
/// failures named after the scorer, and the bound on calls in flight.
final class ExternalScorerTests: XCTestCase {
    private let subject = ScoringSubject(item: DatasetItem(input: ["q": "2+2"], expectedOutput: "4",
                                                           metadata: JSONObject([("lang", "en")])), output: "four")

    private func scorer(limit: Int = 4, _ answer: @escaping @Sendable ([UInt8]) async throws -> [UInt8]) -> ExternalScorer {
        ExternalScorer(name: "external:cmd:./score.py", transport: ScriptedTransport(answer), timeout: .seconds(5),
                       limit: ConcurrencyLimit(limit))
    }

    private func failure(_ answer: String) async -> String {
        do {
            _ = try await scorer { _ in Array(answer.utf8) }.score(subject)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testSendsTheItemAndReadsScoreAndReason() async throws {
        let seen = Box()
        let score = try await scorer { request in
            await seen.set(try JSONParser.parse(request))
            return Array(#"{"score": 0.75, "reason": "3 of 4 facts", "debug": {"facts": 4}}"#.utf8)
        }.score(subject)
        XCTAssertEqual(score, MetricScore(value: 0.75, reason: "3 of 4 facts"))
        let request = await seen.value
        XCTAssertEqual(request, ["input": ["q": "2+2"], "output": "four", "expected": "4", "metadata": ["lang": "en"]])
        let plain = try await scorer { _ in Array("{\"score\": 12}\n".utf8) }.score(subject)
        XCTAssertEqual(plain, MetricScore(value: 12), "reason is optional and scores are not clamped")
        let noExpected = ScoringSubject(item: DatasetItem(input: "x"), output: "y").json
        XCTAssertEqual(noExpected["expected"], .null)
    }

    func testBadAnswersAreErrorsNamingTheScorer() async {
        let prefix = "scorer external:cmd:./score.py answered"
        let cases: [(String, String)] = [
            ("not json", "\(prefix) with something that is not JSON"),
            ("", "\(prefix) with something that is not JSON"),
            ("[1]", "\(prefix) an array; expected an object"),
            (#"{"reason": "x"}"#, "\(prefix) without 'score'"),
            (#"{"score": "0.5"}"#, "\(prefix) a 'score' that is a string (\"0.5\"), not a finite number"),
            (#"{"score": null}"#, "\(prefix) a 'score' that is null"),
            (#"{"score": 1, "reason": 3}"#, "\(prefix) a 'reason' that is a number, not a string"),
        ]
        for (answer, expected) in cases {
            let message = await failure(answer)
            XCTAssertTrue(message.hasPrefix(expected), "\(answer): \(message)")
        }
    }

    func testTransportFailuresAreErrorsNamingTheScorer() async {
        do {
            _ = try await scorer { _ in throw ScriptedJudge.Failure(description: "exited with status 3; stderr: boom") }.score(subject)
            XCTFail("a failed scorer is an error")
        } catch {
            XCTAssertEqual("\(error)", "scorer external:cmd:./score.py failed: exited with status 3; stderr: boom")
        }
    }

    func testAtMostLimitCallsInFlight() async throws {
        let gauge = Gauge()
        let scorer = self.scorer(limit: 3) { _ in
            await gauge.enter()
            try await Task.sleep(nanoseconds: 20_000_000)
            await gauge.leave()
            return Array(#"{"score": 1}"#.utf8)
        }
        let subject = self.subject
        try await withThrowingTaskGroup(of: MetricScore.self) { group in
            for _ in 0..<12 { group.addTask { try await scorer.score(subject) } }
            for try await score in group { XCTAssertEqual(score.value, 1) }
        }
        let peak = await gauge.peak
        XCTAssertEqual(peak, 3, "12 concurrent items, at most 3 scorer calls at once")
    }
}

private struct ScriptedTransport: ScorerTransport {
    let answer: @Sendable ([UInt8]) async throws -> [UInt8]
    init(_ answer: @escaping @Sendable ([UInt8]) async throws -> [UInt8]) { self.answer = answer }
    func exchange(_ request: [UInt8], timeout: Duration) async throws -> [UInt8] { try await answer(request) }
}

private actor Box {
    private(set) var value: JSONValue = .null
    func set(_ value: JSONValue) { self.value = value }
}

private actor Gauge {
    private(set) var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}
