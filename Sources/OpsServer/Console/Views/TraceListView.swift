import Foundation
import OpsCore

/// The traces page's data: the filter form's values, the rows, and the next page's link.
struct TraceListView {
    struct StatusOption {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Row {
        var href: String
        var time: String
        var model: String
        var status: String
        var latency: String
        var tokens: String
        var cost: String
        // Optional, so a trace without a user shows an empty cell rather than a link to nothing.
        var user: String?
        var userHref: String
        var session: String?
        var sessionHref: String
    }

    // Named apart from the rows' fields: Mustache looks a missing (nil) row field up in the
    // enclosing view, and a row without a user must not show the user filter's value.
    var filterModel: String
    var filterUser: String
    var filterSession: String
    var filterTag: String
    var filterFrom: String
    var filterTo: String
    var statuses: [StatusOption]
    var rows: [Row]
    var hasRows: Bool
    var nextHref: String?
    var error: String?

    /// The filter names the page and `GET /api/traces` share, in the order links carry them.
    static let filterNames = ["model", "status", "user", "session_id", "tag", "from", "to"]

    init(filters: [String: String], page: TracePage?, error: String? = nil) {
        filterModel = filters["model"] ?? ""
        filterUser = filters["user"] ?? ""
        filterSession = filters["session_id"] ?? ""
        filterTag = filters["tag"] ?? ""
        filterFrom = filters["from"] ?? ""
        filterTo = filters["to"] ?? ""
        let status = filters["status"] ?? ""
        statuses = [StatusOption(value: "", label: "any", selected: status.isEmpty)]
            + TraceStatus.allCases.map { StatusOption(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == status) }
        rows = (page?.traces ?? []).map(Self.row)
        hasRows = !rows.isEmpty
        nextHref = page?.nextCursor.map { Self.href(filters: filters, cursor: $0.token) }
        self.error = error
    }

    static func row(_ trace: Trace) -> Row {
        Row(href: "/traces/" + (trace.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? trace.id),
            time: ConsoleFormat.time(trace.createdAt), model: trace.model.isEmpty ? "—" : trace.model,
            status: trace.status.rawValue, latency: ConsoleFormat.duration(trace.latencyMs),
            tokens: trace.usage.map { ConsoleFormat.count($0.totalTokens) } ?? "—", cost: ConsoleFormat.cost(trace.costUSD),
            user: trace.user, userHref: "/traces?user=" + ConsoleFormat.queryValue(trace.user ?? ""),
            session: trace.sessionID, sessionHref: "/traces?session_id=" + ConsoleFormat.queryValue(trace.sessionID ?? ""))
    }

    /// `/traces?…` keeping the current filters and adding the cursor.
    static func href(filters: [String: String], cursor: String) -> String {
        let pairs = filterNames.compactMap { name in filters[name].map { (name, $0) } } + [("cursor", cursor)]
        let query = pairs.map { "\($0.0)=\(ConsoleFormat.queryValue($0.1))" }
        return "/traces?" + query.joined(separator: "&")
    }
}
