import Foundation

/// The dashboard template's data: formatted numbers, chart SVGs and table rows.
struct DashboardView {
    struct RangeLink {
        var label: String
        var href: String
        var selected: Bool
    }

    struct Chart {
        var title: String
        var svg: String
    }

    struct ModelRow {
        var model: String
        var modelQuery: String
        var requests: String
        var errors: String
        var p50: String
        var p95: String
        var tokens: String
        var cost: String
    }

    var ranges: [RangeLink]
    var from: String
    var to: String
    var requests: String
    var errors: String
    var errorRate: String
    var p50: String
    var p95: String
    var tokens: String
    var cost: String
    var charts: [Chart]
    var models: [ModelRow]
    var hasModels: Bool
    var notice: String?

    /// `truncatedAt` is the point limit when the store returned that many (the window was cut short).
    init(_ summary: DashboardSummary, truncatedAt: Int? = nil) {
        notice = truncatedAt.map { "This range has more than \(ConsoleFormat.count($0)) traces; only the oldest \(ConsoleFormat.count($0)) are counted. Pick a shorter range." }
        ranges = DashboardRange.allCases.map { RangeLink(label: $0.label, href: "/?range=\($0.rawValue)", selected: $0 == summary.range) }
        from = ConsoleFormat.time(summary.from)
        to = ConsoleFormat.time(summary.to)
        let totals = summary.totals
        requests = ConsoleFormat.count(totals.requests)
        errors = ConsoleFormat.count(totals.errors)
        errorRate = ConsoleFormat.percent(totals.errorRate)
        p50 = ConsoleFormat.duration(totals.p50LatencyMs)
        p95 = ConsoleFormat.duration(totals.p95LatencyMs)
        tokens = ConsoleFormat.count(totals.tokens)
        cost = ConsoleFormat.cost(totals.costUSD)
        charts = DashboardCharts(summary).all.map { Chart(title: $0.title, svg: $0.render()) }
        models = summary.models.map { row in
            ModelRow(model: row.model,
                     modelQuery: ConsoleFormat.queryValue(row.model),
                     requests: ConsoleFormat.count(row.stats.requests), errors: ConsoleFormat.count(row.stats.errors),
                     p50: ConsoleFormat.duration(row.stats.p50LatencyMs), p95: ConsoleFormat.duration(row.stats.p95LatencyMs),
                     tokens: ConsoleFormat.count(row.stats.tokens), cost: ConsoleFormat.cost(row.stats.costUSD))
        }
        hasModels = !models.isEmpty
    }
}
