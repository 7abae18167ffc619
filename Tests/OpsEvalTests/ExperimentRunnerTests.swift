import OpsCore
import XCTest
@testable import OpsEval

/// The experiment runner with fake targets: scoring, errors, bounded concurrency, resume, cancellation.
final class ExperimentRunnerTests: XCTestCase {
    private let items = (0..<20).map { i in
        DatasetItem(input: ["question": .string("q\(i)")], expectedOutput: .string("answer \(i)"))
    }

    private func plan(concurrency: Int = 4, metrics: [String] = ["exact", "json_valid"]) throws -> ExperimentPlan {
        try ExperimentPlan(dataset: "qa", datasetVersion: "abc123", target: .prompt(name: "qa", version: 2, model: "gpt"),
                           metrics: metrics, concurrency: concurrency)
    }

    /// Answers right for even items, wrong for odd ones, and fails on multiples of 7.
    private static func fakeTarget(delayFor: @escaping @Sendable (Int) -> UInt64 = { _ in 0 },
                                   gauge: InFlightGauge? = nil) -> ExperimentRunner.Target {
        { item in
            let index = Int(item.variables["question"]!.stringValue!.dropFirst())!
            await gauge?.enter()
            try await Task.sleep(nanoseconds: delayFor(index))
            await gauge?.leave()
            if index % 7 == 0 { throw OpsError(.upstreamTimeout, "upstream timed out for q\(index)") }
            return TargetOutput(text: index % 2 == 0 ? "answer \(index)" : "wrong", latency: 0.01 * Double(index),
                                usage: Usage(promptTokens: 10, completionTokens: index), cost: 0.001)
        }
    }

    func testScoresEveryItemAndRecordsErrors() async throws {
        let runner = try ExperimentRunner(plan: try plan())
        let progress = ProgressLog()
        let results = await runner.run(items: items, target: Self.fakeTarget(), progress: { progress.record($0) })
        XCTAssertEqual(results.map(\.item), Array(0..<20))
        XCTAssertEqual(results.filter { !$0.succeeded }.map(\.item), [0, 7, 14])
        XCTAssertEqual(results[0].error, "upstream timed out for q0")
        XCTAssertEqual(results[2].score("exact"), 1)
        XCTAssertEqual(results[3].score("exact"), 0)
        XCTAssertEqual(results[3].output?.usage?.completionTokens, 3)
        XCTAssertEqual(results[2].score("json_valid"), 0)
        XCTAssertEqual(results.scores("exact").count, 17)
        XCTAssertEqual(results.mean("exact") ?? -1, 8.0 / 17, accuracy: 1e-12)
        XCTAssertEqual(progress.entries.count, 20)
        XCTAssertEqual(progress.entries.last, ExperimentProgress(completed: 20, failed: 3, total: 20, skipped: 0))
    }

    func testMissingReferenceIsAScoreErrorNotAZero() async throws {
        let runner = try ExperimentRunner(plan: try plan(metrics: ["exact"]))
        let results = await runner.run(items: [DatasetItem(input: "x")], target: { _ in TargetOutput(text: "y", latency: 0) })
        XCTAssertNil(results[0].score("exact"))
        XCTAssertEqual(results[0].scoreErrors["exact"], "metric exact needs at least one reference")
    }

    func testKeepsAtMostConcurrencyInFlight() async throws {
        let gauge = InFlightGauge()
        let runner = try ExperimentRunner(plan: try plan(concurrency: 3))
        let target = Self.fakeTarget(delayFor: { UInt64(($0 % 4) + 1) * 20_000_000 }, gauge: gauge)
        let results = await runner.run(items: items, target: target)
        XCTAssertEqual(results.count, 20)
        let peak = await gauge.peak
        XCTAssertEqual(peak, 3)
    }

    func testResumeSkipsFinishedItems() async throws {
        let calls = CallLog()
        let runner = try ExperimentRunner(plan: try plan())
        let finished: Set<Int> = Set(0..<15)
        let stored = ResultLog()
        let results = await runner.run(items: items, finished: finished, target: { item in
            await calls.record(item.variables["question"]!.stringValue!)
            return TargetOutput(text: "answer", latency: 0)
        }, onResult: { await stored.append($0) })
        XCTAssertEqual(results.map(\.item), [15, 16, 17, 18, 19])
        let called = await calls.names
        XCTAssertEqual(called.sorted(), ["q15", "q16", "q17", "q18", "q19"])
        let storedCount = await stored.results.count
        XCTAssertEqual(storedCount, 5)
    }

    func testCancellationReportsOnlyFinishedItems() async throws {
        let runner = try ExperimentRunner(plan: try plan(concurrency: 2))
        let stored = ResultLog()
        let items = self.items
        let task = Task {
            await runner.run(items: items, target: Self.fakeTarget(delayFor: { $0 < 2 ? 0 : 5_000_000_000 }),
                             onResult: { await stored.append($0) })
        }
        try await Task.sleep(nanoseconds: 200_000_000)
        task.cancel()
        let results = await task.value
        XCTAssertEqual(results.map(\.item), [0, 1])
        let storedItems = await stored.results.map(\.item)
        XCTAssertEqual(Set(storedItems), [0, 1])
    }

    func testPlanValidation() throws {
        XCTAssertThrowsError(try plan(concurrency: 0))
        XCTAssertThrowsError(try plan(metrics: []))
        XCTAssertThrowsError(try plan(metrics: ["bleu", "bleu"]))
        XCTAssertThrowsError(try plan(metrics: ["blue"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("unknown metric 'blue'"))
        }
        XCTAssertEqual(try plan().target.description, "qa@2 on gpt")
        XCTAssertEqual(try plan().json["metrics"], ["exact", "json_valid"])
    }
}

/// Counts how many fake calls run at once.
private actor InFlightGauge {
    private(set) var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}

private actor CallLog {
    private(set) var names: [String] = []
    func record(_ name: String) { names.append(name) }
}

private actor ResultLog {
    private(set) var results: [ExperimentItemResult] = []
    func append(_ result: ExperimentItemResult) { results.append(result) }
}

private final class ProgressLog: @unchecked Sendable {
    private(set) var entries: [ExperimentProgress] = []
    func record(_ progress: ExperimentProgress) { entries.append(progress) }
}
