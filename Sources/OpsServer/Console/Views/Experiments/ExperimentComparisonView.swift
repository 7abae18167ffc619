import OpsCore
import OpsEval

/// `GET /experiments/compare?baseline=A&candidate=B`: per metric the two means, the paired
/// difference with its 95% bootstrap interval (drawn as SVG), win/tie/loss, the p-values, and
/// the items that got worse.
struct ExperimentComparisonView {
    struct MetricRow {
        var metric: String
        var pairs: Int
        var baseline: String
        var candidate: String
        var difference: String
        var interval: String
        var chart: String
        var verdict: String
        var wins: Int
        var ties: Int
        var losses: Int
        var wilcoxon: String
        var signTest: String
    }

    struct Regression {
        var metric: String
        var item: Int
        var baseline: String
        var candidate: String
        var difference: String
        var input: String
        var baselineOutput: String
        var candidateOutput: String
    }

    var baselineID: String
    var candidateID: String
    var baselineTarget: String
    var candidateTarget: String
    var dataset: String
    var metrics: [MetricRow]
    var hasMetrics: Bool
    var regressions: [Regression]
    var hasRegressions: Bool
    var skipped: String?

    init(baseline: ExperimentRun, candidate: ExperimentRun, comparisons: [(String, PairedComparison)], missing: [String],
         baselineRecords: [ExperimentItemRecord], candidateRecords: [ExperimentItemRecord], items: [DatasetItem]) {
        baselineID = baseline.id
        candidateID = candidate.id
        baselineTarget = RunDescription(baseline).target
        candidateTarget = RunDescription(candidate).target
        dataset = RunDescription(baseline).dataset
        let number: (Double) -> String = { ChartValueFormat.trimmed($0, decimals: 4) }
        metrics = comparisons.map { metric, c in
            let chart = SVGIntervalChart(title: "\(metric): candidate − baseline", mean: c.meanDifference, lower: c.interval.lower,
                                         upper: c.interval.upper)
            return MetricRow(metric: metric, pairs: c.count, baseline: number(c.meanBaseline), candidate: number(c.meanCandidate),
                             difference: SVGIntervalChart.signed(c.meanDifference),
                             interval: "[\(SVGIntervalChart.signed(c.interval.lower)), \(SVGIntervalChart.signed(c.interval.upper))]",
                             chart: chart.render(), verdict: chart.verdict, wins: c.wins, ties: c.ties, losses: c.losses,
                             wilcoxon: Self.p(c.wilcoxon.pValue), signTest: Self.p(c.signTest.pValue))
        }
        hasMetrics = !metrics.isEmpty
        let baseOutputs = Dictionary(baselineRecords.map { ($0.item, $0.output ?? "—") }, uniquingKeysWith: { a, _ in a })
        let candOutputs = Dictionary(candidateRecords.map { ($0.item, $0.output ?? "—") }, uniquingKeysWith: { a, _ in a })
        regressions = comparisons.flatMap { metric, c in
            c.regressions.map { r in
                Regression(metric: metric, item: r.item, baseline: number(r.baseline), candidate: number(r.candidate),
                           difference: SVGIntervalChart.signed(r.difference),
                           input: items.indices.contains(r.item) ? DatasetDetailView.text(items[r.item].input) : "—",
                           baselineOutput: baseOutputs[r.item] ?? "—", candidateOutput: candOutputs[r.item] ?? "—")
            }
        }
        hasRegressions = !regressions.isEmpty
        skipped = missing.isEmpty ? nil : "Not compared (no item scored in both runs): " + missing.joined(separator: ", ")
    }

    /// `0.0312`, or `< 0.0001`.
    static func p(_ value: Double) -> String {
        value < 0.0001 ? "< 0.0001" : ChartValueFormat.trimmed(value, decimals: 4)
    }
}
