import Foundation
import OpsEval

/// The report `llmops eval run` prints: the run, one row per metric, the run's figures, the
/// comparison with the baseline and the gate's verdict.
enum EvalTable {
    static func render(session: EvalSession, report: EvalSession.Report, comparisons: [String: PairedComparison],
                       baseline: String?, outcome: CIGate.Outcome) -> String {
        let run = session.run
        let summary = report.summary
        var lines: [String] = []
        lines.append("run \(run.id)  dataset \(run.dataset)@\(run.datasetVersion.prefix(12)) (\(session.items.count) items)  "
                     + "target \(session.plan.target.description)")
        if report.skipped > 0 { lines.append("resumed: \(report.skipped) items were already done, \(report.ranNow) ran now") }
        lines.append("")
        let nameWidth = max(12, (session.plan.metrics.map(\.count).max() ?? 0) + 1)
        lines.append(row(["metric", "mean", "corpus", "scored", "errors"], nameWidth: nameWidth))
        for figure in summary.metrics {
            lines.append(row([figure.metric, number(figure.mean), figure.corpus.map(number) ?? "-", "\(figure.scored)",
                              "\(figure.errors)"], nameWidth: nameWidth))
        }
        let errors = scoreErrors(report.results, metrics: session.plan.metrics)
        if !errors.isEmpty { lines += [""] + errors }
        lines.append("")
        lines.append("items \(summary.items), failed \(summary.failed); latency mean \(number(summary.latencyMean))s "
                     + "p50 \(number(summary.latencyP50))s p95 \(number(summary.latencyP95))s; tokens \(summary.promptTokens) "
                     + "prompt / \(summary.completionTokens) completion; cost $\(number(summary.cost))")
        if let baseline, !comparisons.isEmpty {
            lines.append("")
            lines.append("vs baseline \(baseline):")
            lines.append(row(["metric", "baseline", "candidate", "diff", "95% CI", "win/tie/loss", "p (Wilcoxon)"],
                             nameWidth: nameWidth))
            for metric in session.plan.metrics {
                guard let c = comparisons[metric] else { continue }
                lines.append(row([metric, number(c.meanBaseline), number(c.meanCandidate), number(c.meanDifference),
                                  "[\(number(c.interval.lower)), \(number(c.interval.upper))]", "\(c.wins)/\(c.ties)/\(c.losses)",
                                  number(c.wilcoxon.pValue)], nameWidth: nameWidth))
                let worst = c.regressions.sorted { $0.difference < $1.difference }.prefix(5)
                if !worst.isEmpty {
                    lines.append("  worse items: " + worst.map { "#\($0.item) (\(number($0.difference)))" }.joined(separator: ", "))
                }
            }
        }
        lines.append("")
        if outcome.checks.isEmpty {
            lines.append("gate: no checks (add --fail-under METRIC=VALUE or --baseline RUN)")
        } else {
            lines.append("gate: " + (outcome.passed ? "PASSED" : "FAILED"))
            for check in outcome.checks { lines.append("  \(check.passed ? "ok  " : "FAIL") \(check.message)") }
        }
        return lines.joined(separator: "\n")
    }

    /// Up to three score errors per metric, so a judge or scorer that fails shows why.
    static func scoreErrors(_ results: [ExperimentItemResult], metrics: [String]) -> [String] {
        var lines: [String] = []
        for metric in metrics {
            let failed = results.filter { $0.scoreErrors[metric] != nil }.sorted { $0.item < $1.item }
            guard !failed.isEmpty else { continue }
            lines.append("\(metric): \(failed.count) item(s) could not be scored, e.g.")
            for result in failed.prefix(3) { lines.append("  #\(result.item): \(result.scoreErrors[metric]!)") }
        }
        return lines
    }

    /// Cells padded to their column's width; the first column is as wide as the longest metric name.
    private static func row(_ cells: [String], nameWidth: Int) -> String {
        let widths = [nameWidth, 10, 10, 10, 22, 14, 12]
        return cells.enumerated().map { $0.element.padded(widths[min($0.offset, widths.count - 1)]) }
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
