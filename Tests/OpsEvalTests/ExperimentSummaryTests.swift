import OpsCore
import XCTest
@testable import OpsEval

/// Summaries of a run (corpus BLEU next to the item mean, latency percentiles, cost) and the
/// comparison of two runs feeding the CI gate.
final class ExperimentSummaryTests: XCTestCase {
    private let items = (0..<30).map { i in
        DatasetItem(input: ["n": .int(Int64(i))], expectedOutput: .string("the cat sat on the mat number \(i)"))
    }

    private func run(_ answer: @escaping @Sendable (Int) -> String) async throws -> [ExperimentItemResult] {
        let plan = try ExperimentPlan(dataset: "qa", datasetVersion: "h", target: .model("m"), metrics: ["bleu", "exact"],
                                      concurrency: 5)
        return try await ExperimentRunner(plan: plan).run(items: items, target: { item in
            let n = item.variables["n"]!.intValue!
            if n == 29 { throw OpsError(.upstreamUnavailable, "down") }
            return TargetOutput(text: answer(n), latency: Double(n + 1) / 100, usage: Usage(promptTokens: 5, completionTokens: 2),
                                cost: 0.5)
        })
    }

    func testSummaryFigures() async throws {
        let results = try await run { $0 % 3 == 0 ? "the cat sat on the mat number \($0)" : "a dog sat on a mat \($0)" }
        let summary = ExperimentSummary(results: results, items: items, metrics: [try BLEUMetric(), ExactMatchMetric()])
        XCTAssertEqual(summary.items, 30)
        XCTAssertEqual(summary.failed, 1)
        XCTAssertEqual(summary.metrics.map(\.metric), ["bleu", "exact"])
        XCTAssertEqual(summary.metrics[1].mean, 10.0 / 29, accuracy: 1e-12)
        XCTAssertNil(summary.metrics[1].corpus)
        let succeeded = results.filter(\.succeeded)
        let corpus = try BLEUMetric().corpusScore(hypotheses: succeeded.map { $0.output!.text },
                                                  references: succeeded.map { items[$0.item].references })
        XCTAssertEqual(summary.metrics[0].corpus ?? -1, corpus.value, accuracy: 1e-9)
        XCTAssertEqual(summary.headlines["bleu"] ?? -1, corpus.value, accuracy: 1e-9)
        XCTAssertEqual(summary.latencyP50, 0.15, accuracy: 1e-12)
        XCTAssertEqual(summary.latencyP95, 0.28, accuracy: 1e-12)
        XCTAssertEqual(summary.promptTokens, 145)
        XCTAssertEqual(summary.cost, 14.5, accuracy: 1e-12)
    }

    func testComparisonFeedsTheGate() async throws {
        let baseline = try await run { "the cat sat on the mat number \($0)" }
        let candidate = try await run { $0 % 2 == 0 ? "the cat sat on the mat number \($0)" : "no idea" }
        let comparisons = try ExperimentSummary.compare(baseline: baseline, candidate: candidate,
                                                        metrics: ["bleu", "exact", "rougeL"])
        XCTAssertEqual(comparisons.keys.sorted(), ["bleu", "exact"])
        XCTAssertEqual(comparisons["exact"]?.count, 29)
        XCTAssertEqual(comparisons["exact"]?.regressions.count, 14)
        let outcome = CIGate(thresholds: [CIThreshold(metric: "exact", minimum: 0.5)])
            .evaluate(means: ["exact": candidate.mean("exact")!], comparisons: comparisons)
        XCTAssertFalse(outcome.passed)
        XCTAssertEqual(outcome.checks.filter { !$0.passed }.map(\.metric), ["bleu", "exact"])
    }
}
