import OpsCore
import XCTest
@testable import OpsEval

/// Paired statistics against scipy (fixtures by scripts/eval-fixtures/statistics_fixtures.py):
/// exact Wilcoxon p-values to 1e-9, the normal approximation to 1e-6, the sign test to 1e-9.
final class StatisticsReferenceTests: XCTestCase {
    func testMatchesScipy() throws {
        let cases = try Fixture.load("statistics.json")["cases"]!.arrayValue!
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        for c in cases {
            let name = c["name"]!.stringValue!
            let baseline = c["baseline"]!.arrayValue!.map { $0.doubleValue! }
            let candidate = c["candidate"]!.arrayValue!.map { $0.doubleValue! }
            let comparison = try PairedComparison(baseline: baseline, candidate: candidate,
                                                  options: .init(resamples: 1000))
            assertClose(comparison.meanBaseline, c["mean_baseline"], "\(name) mean baseline", tolerance: 1e-12)
            assertClose(comparison.meanCandidate, c["mean_candidate"], "\(name) mean candidate", tolerance: 1e-12)
            assertClose(comparison.meanDifference, c["mean_difference"], "\(name) mean difference", tolerance: 1e-12)
            XCTAssertEqual(comparison.wins, c["wins"]?.intValue, name)
            XCTAssertEqual(comparison.losses, c["losses"]?.intValue, name)
            XCTAssertEqual(comparison.ties, c["ties"]?.intValue, name)
            let wilcoxon = c["wilcoxon"]!
            XCTAssertEqual(comparison.wilcoxon.method.rawValue, wilcoxon["method"]?.stringValue, name)
            assertClose(comparison.wilcoxon.statistic, wilcoxon["statistic"], "\(name) statistic", tolerance: 1e-9)
            let tolerance = comparison.wilcoxon.method == .exact ? 1e-9 : 1e-6
            assertClose(comparison.wilcoxon.pValue, wilcoxon["pvalue"], "\(name) Wilcoxon p", tolerance: tolerance)
            assertClose(comparison.signTest.pValue, c["sign_test"]?["pvalue"], "\(name) sign test p", tolerance: 1e-9)
        }
    }

    func testBootstrapIntervalIsSeededAndCoversTheMean() {
        let differences = (0..<200).map { Double(($0 * 37) % 101) / 100 - 0.3 }
        let mean = differences.reduce(0, +) / 200
        let a = BootstrapInterval(meanOf: differences)
        let b = BootstrapInterval(meanOf: differences)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.resamples, 10_000)
        XCTAssertLessThan(a.lower, mean)
        XCTAssertGreaterThan(a.upper, mean)
        // The standard error of this mean is about 0.02, so a 95% interval is about ±0.04 wide.
        XCTAssertEqual(a.upper - a.lower, 4 * 0.0205, accuracy: 0.015)
        XCTAssertNotEqual(BootstrapInterval(meanOf: differences, seed: 7), a)
        XCTAssertEqual(BootstrapInterval(meanOf: [0.25, 0.25, 0.25]).lower, 0.25)
    }

    func testRegressionsAndPairingByItem() throws {
        let comparison = try PairedComparison(baseline: [3: 0.9, 5: 0.5, 7: 0.4, 9: 1.0],
                                              candidate: [3: 0.2, 5: 0.5, 7: 0.6, 11: 0.0])
        XCTAssertEqual(comparison.count, 3)
        XCTAssertEqual(comparison.regressions.map(\.item), [3])
        XCTAssertEqual(comparison.regressions.first?.difference ?? 0, -0.7, accuracy: 1e-12)
        XCTAssertEqual([comparison.wins, comparison.ties, comparison.losses], [1, 1, 1])
        XCTAssertThrowsError(try PairedComparison(baseline: [1], candidate: [1, 2]))
        XCTAssertThrowsError(try PairedComparison(baseline: [], candidate: []))
        XCTAssertThrowsError(try PairedComparison(baseline: [.nan], candidate: [1]))
    }

    func testClearRegressionIsSignificant() throws {
        let baseline = (0..<60).map { 0.5 + Double($0 % 7) / 20 }
        let candidate = baseline.enumerated().map { $0.element - 0.05 - Double($0.offset % 5) / 100 }
        let comparison = try PairedComparison(baseline: baseline, candidate: candidate)
        XCTAssertTrue(comparison.isSignificantRegression())
        XCTAssertLessThan(comparison.interval.upper, 0)
        XCTAssertEqual(comparison.regressions.count, 60)
        let same = try PairedComparison(baseline: baseline, candidate: baseline)
        XCTAssertFalse(same.isSignificantRegression())
        XCTAssertEqual(same.wilcoxon.pValue, 1)
        XCTAssertEqual(same.signTest.pValue, 1)
    }
}
