import Foundation
import OpsCore
import XCTest
@testable import OpsEval

/// Two stored runs compared: per-metric figures over the items both scored, skipped metrics with
/// reasons, the JSON the API serves, and runs of different dataset versions refused.
final class RunComparisonTests: XCTestCase {
    private func run(_ id: String, version: String = "v1", metrics: [JSONValue] = ["exact", "bleu"]) -> ExperimentRun {
        ExperimentRun(id: id, project: "p", dataset: "qa", datasetVersion: version, itemCount: 10,
                      plan: JSONObject([("target", ["type": "model", "model": "m"]), ("metrics", .array(metrics))]),
                      author: "k", createdAt: Date(timeIntervalSince1970: 0))
    }

    private func records(_ exact: [Double?], bleu: [Double]? = nil, failed: Set<Int> = []) -> [ExperimentItemRecord] {
        exact.enumerated().map { i, value in
            if failed.contains(i) { return ExperimentItemRecord(item: i, error: "upstream 502") }
            var scores = JSONObject()
            if let value { scores["exact"] = .double(value) }
            if let bleu { scores["bleu"] = .double(bleu[i]) }
            return ExperimentItemRecord(item: i, output: "o", scores: scores)
        }
    }

    func testComparesEachMetricOverItemsBothScored() throws {
        let bleu = [Double](repeating: 50, count: 12)
        let a = records([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0], bleu: bleu)
        let b = records([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, nil], bleu: bleu, failed: [8])
        let comparison = try RunComparison(a: run("run_a"), itemsA: a, b: run("run_b"), itemsB: b)
        XCTAssertEqual(comparison.metrics.map(\.metric), ["exact", "bleu"])
        let exact = comparison.metrics[0].comparison
        XCTAssertEqual(exact.count, 10, "item 8 failed in b and item 11 has no exact score in b")
        XCTAssertEqual(exact.meanBaseline, 0.9)
        XCTAssertEqual(exact.meanCandidate, 0.2)
        XCTAssertEqual([exact.wins, exact.ties, exact.losses], [1, 1, 8])
        XCTAssertEqual(exact.regressions.map(\.item), [0, 1, 2, 3, 4, 5, 6, 7])
        // 8 losses, 1 win, all |d| = 1: R+ = 5, normal approximation z = -2.27, p = 0.023.
        XCTAssertEqual(exact.wilcoxon.pValue, 0.0234, accuracy: 0.0005)
        XCTAssertTrue(comparison.metrics[0].significantRegression)
        XCTAssertFalse(comparison.metrics[1].significantRegression, "identical BLEU never regresses")
        XCTAssertTrue(comparison.regressed)
        XCTAssertEqual(comparison.b.items, 12)
        XCTAssertEqual(comparison.b.failed, 1)

        let json = comparison.json
        XCTAssertEqual(json["a"]?["id"], "run_a")
        XCTAssertEqual(json["regression"], true)
        let first = json["metrics"]?.arrayValue?.first
        XCTAssertEqual(first?["metric"], "exact")
        XCTAssertEqual(first?["items"], 10)
        XCTAssertEqual(first?["difference"]?.doubleValue ?? 0, -0.7, accuracy: 1e-12)
        XCTAssertEqual(first?["wins"], 1)
        XCTAssertEqual(first?["losses"], 8)
        XCTAssertEqual(first?["significant_regression"], true)
        XCTAssertEqual(first?["p_value"]?.doubleValue ?? 0, exact.wilcoxon.pValue, accuracy: 1e-15)
        XCTAssertEqual(first?["ci"]?["level"], 0.95)
        XCTAssertLessThan(first?["ci"]?["upper"]?.doubleValue ?? 1, 0, "every resample loses more than it wins")
        XCTAssertEqual(first?["regressed_items"]?.arrayValue?.first, ["item": 0, "a": 1.0, "b": 0.0, "difference": -1.0])
        XCTAssertEqual(json["skipped"], [])
    }

    func testSkipsMetricsNotComputedByBoth() throws {
        let a = records([1, 0], bleu: [10, 20])
        let b = records([1, 1])
        let comparison = try RunComparison(a: run("run_a", metrics: ["exact", "bleu"]), itemsA: a,
                                           b: run("run_b", metrics: ["exact", "judge:x"]), itemsB: b)
        XCTAssertEqual(comparison.metrics.map(\.metric), ["exact"])
        XCTAssertEqual(comparison.skipped.map(\.metric), ["bleu", "judge:x"])
        XCTAssertEqual(comparison.skipped.map(\.reason), ["only run run_a computes it", "only run run_b computes it"])
        let none = try RunComparison(a: run("run_a"), itemsA: records([nil, nil], bleu: [1, 2]), b: run("run_b"),
                                     itemsB: records([1, 1], bleu: [1, 2]))
        XCTAssertEqual(none.skipped.first?.reason, "no item has a score in both runs")
        XCTAssertFalse(none.regressed)
    }

    func testRefusesDifferentDatasetVersionsAndBadAlpha() {
        XCTAssertThrowsError(try RunComparison(a: run("run_a"), itemsA: [], b: run("run_b", version: "v2"), itemsB: [])) { error in
            XCTAssertEqual("\(error)", "run run_a ran on qa@v1 and run run_b on qa@v2; compare runs of the same dataset version")
        }
        XCTAssertThrowsError(try RunComparison(a: run("run_a"), itemsA: [], b: run("run_b"), itemsB: [], alpha: 1.5)) { error in
            XCTAssertEqual("\(error)", "alpha must be between 0 and 1, got 1.5")
        }
    }
}
