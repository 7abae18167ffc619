import Foundation

/// The dashboard's four charts built from a summary: requests & errors, p50/p95 latency, tokens, cost.
struct DashboardCharts {
    let summary: DashboardSummary

    init(_ summary: DashboardSummary) { self.summary = summary }

    var all: [SVGLineChart] {
        [
            chart("Requests and errors", format: .count,
                  ("Requests", "#2563eb", { Double($0.requests) }), ("Errors", "#dc2626", { Double($0.errors) })),
            chart("Latency p50 and p95", format: .milliseconds,
                  ("p50", "#059669", { $0.p50LatencyMs }), ("p95", "#d97706", { $0.p95LatencyMs })),
            chart("Tokens", format: .count, ("Tokens", "#7c3aed", { Double($0.tokens) })),
            chart("Cost (USD)", format: .dollars, ("Cost", "#0891b2", { $0.costUSD })),
        ]
    }

    private func chart(_ title: String, format: ChartValueFormat,
                       _ lines: (name: String, color: String, value: (DashboardStats) -> Double?)...) -> SVGLineChart {
        let series = lines.map { line in
            ChartSeries(name: line.name, color: line.color,
                        points: summary.buckets.map { bucket in
                            // A bucket's value is drawn at the middle of the time it covers.
                            ChartSeries.Point(x: bucket.start.addingTimeInterval(summary.range.bucketSeconds / 2),
                                              y: line.value(bucket.stats))
                        })
        }
        return SVGLineChart(title: title, series: series, from: summary.from, to: summary.to, format: format)
    }
}
