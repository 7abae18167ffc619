import OpsCore

/// What the audit page shows: the filter form's values, the entries, and the next page's link.
struct AuditView {
    struct Row {
        var sequence: Int64
        var time, actor, action, target, detail: String
    }

    /// The query parameters the filter form has, in the order links write them.
    static let filterNames = ["action", "from", "to"]

    var project: String
    var filterAction: String
    var filterFrom: String
    var filterTo: String
    var rows: [Row]
    // Stored, not computed: templates read views by reflection, which sees stored properties only.
    var hasRows: Bool
    var nextHref: String?
    var error: String?

    init(project: String, filters: [String: String], page: AuditPage?, error: String? = nil) {
        self.project = project
        filterAction = filters["action"] ?? ""
        filterFrom = filters["from"] ?? ""
        filterTo = filters["to"] ?? ""
        rows = (page?.entries ?? []).map { entry in
            Row(sequence: entry.sequence, time: ConsoleFormat.time(entry.at), actor: entry.actor, action: entry.action.rawValue,
                target: entry.target ?? "—", detail: entry.detail.isEmpty ? "" : entry.detailJSON)
        }
        hasRows = !rows.isEmpty
        nextHref = page?.nextBefore.map { Self.href(filters: filters, cursor: String($0)) }
        self.error = error
    }

    /// `/audit?…` keeping the current filters and adding the cursor.
    static func href(filters: [String: String], cursor: String) -> String {
        let pairs = filterNames.compactMap { name in filters[name].map { (name, $0) } } + [("cursor", cursor)]
        return "/audit?" + pairs.map { "\($0.0)=\(ConsoleFormat.queryValue($0.1))" }.joined(separator: "&")
    }
}
