import Foundation
import OpsCore

/// `llmops eval compare` as text: the two runs, one row per metric, the items that got worse, and
/// the metrics that could not be compared. Reads the API's comparison document.
enum ComparisonTable {
    static func render(_ comparison: JSONValue, maxItems: Int) -> String {
        var lines: [String] = []
        for side in ["a", "b"] {
            let run = comparison[side]
            let target = run?["target"]
            let targetText = target?["prompt"]?.stringValue.map { "\($0)@\(target?["version"]?.intValue ?? 0)" }
                ?? target?["model"]?.stringValue ?? "?"
            lines.append("\(side == "a" ? "A (baseline) " : "B (candidate)") \(run?["id"]?.stringValue ?? "?")  "
                         + "\(run?["dataset"]?.stringValue ?? "?")@\(run?["dataset_version"]?.stringValue?.prefix(12) ?? "?")  "
                         + "target \(targetText)  items \(run?["items"]?.intValue ?? 0), failed \(run?["failed"]?.intValue ?? 0)")
        }
        lines.append("")
        let metrics = comparison["metrics"]?.arrayValue ?? []
        let nameWidth = max(14, (metrics.compactMap { $0["metric"]?.stringValue?.count }.max() ?? 0) + 1)
        lines.append(row(nameWidth: nameWidth, ["metric", "paired", "mean A", "mean B", "diff B-A", "95% CI", "win/tie/loss", "p (Wilcoxon)", ""]))
        for metric in metrics {
            let ci = metric["ci"]
            lines.append(row(nameWidth: nameWidth, [
                metric["metric"]?.stringValue ?? "?", "\(metric["items"]?.intValue ?? 0)", number(metric["mean_a"]),
                number(metric["mean_b"]), number(metric["difference"]), "[\(number(ci?["lower"])), \(number(ci?["upper"]))]",
                "\(metric["wins"]?.intValue ?? 0)/\(metric["ties"]?.intValue ?? 0)/\(metric["losses"]?.intValue ?? 0)",
                pValue(metric["p_value"]), metric["significant_regression"]?.boolValue == true ? "REGRESSED" : "",
            ]))
        }
        for metric in metrics {
            let regressed = metric["regressed_items"]?.arrayValue ?? []
            guard !regressed.isEmpty, maxItems > 0 else { continue }
            let shown = regressed.prefix(maxItems).map { "#\($0["item"]?.intValue ?? -1) (\(number($0["a"])) -> \(number($0["b"])))" }
            let more = regressed.count > maxItems ? ", … \(regressed.count - maxItems) more" : ""
            lines.append("\(metric["metric"]?.stringValue ?? "?") worse items: " + shown.joined(separator: ", ") + more)
        }
        for skipped in comparison["skipped"]?.arrayValue ?? [] {
            lines.append("not compared: \(skipped["metric"]?.stringValue ?? "?") (\(skipped["reason"]?.stringValue ?? ""))")
        }
        lines.append("")
        let alpha = number(comparison["alpha"])
        lines.append(comparison["regression"]?.boolValue == true
                     ? "regression: at least one metric is significantly worse in B (p < \(alpha))"
                     : "no significant regression (p < \(alpha))")
        return lines.joined(separator: "\n")
    }

    private static func row(nameWidth: Int, _ cells: [String]) -> String {
        let widths = [nameWidth, 7, 9, 9, 9, 22, 13, 13, 9]
        return cells.enumerated().map { $0.element.padded(widths[min($0.offset, widths.count - 1)]) }
            .joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    private static func number(_ value: JSONValue?) -> String {
        value?.doubleValue.map(EvalTable.number) ?? "-"
    }

    private static func pValue(_ value: JSONValue?) -> String {
        guard let p = value?.doubleValue else { return "-" }
        return p >= 0.0001 || p == 0 ? EvalTable.number(p) : String(format: "%.2e", p)
    }
}
