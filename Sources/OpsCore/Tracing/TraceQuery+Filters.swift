import Foundation

extension TraceQuery {
    /// The filter names `GET /api/traces` takes (besides `limit` and `cursor`).
    public static let filterNames: Set<String> = ["from", "to", "model", "status", "user", "session_id", "tag", "prompt"]

    /// A query from filter names and values, as an annotation queue's `trace_filter` gives them.
    /// Errors name `<paramPrefix><filter>`.
    public init(project: String, filters: [String: String], paramPrefix: String = "") throws(OpsError) {
        self.init(project: project)
        for key in filters.keys.sorted() where !Self.filterNames.contains(key) {
            throw .invalid("\(paramPrefix)\(key) is not a trace filter (use \(Self.filterNames.sorted().joined(separator: ", ")))",
                           param: paramPrefix + key)
        }
        func date(_ name: String) throws(OpsError) -> Date? {
            guard let raw = filters[name], !raw.isEmpty else { return nil }
            return try CheckedText.date(raw, param: paramPrefix + name)
        }
        from = try date("from")
        to = try date("to")
        model = filters["model"]
        if let raw = filters["status"] {
            guard let status = TraceStatus(rawValue: raw) else {
                throw .invalid("\(paramPrefix)status must be ok or error, got '\(raw)'", param: paramPrefix + "status")
            }
            self.status = status
        }
        user = filters["user"]
        sessionID = filters["session_id"]
        tag = filters["tag"]
        if let raw = filters["prompt"] {
            let reference = try PromptReference(parsing: raw, param: paramPrefix + "prompt")
            promptName = reference.name
            switch reference.selector {
            case .latest: break
            case .version(let number): promptVersion = number
            case .label:
                throw .invalid("\(paramPrefix)prompt filters by NAME or NAME@VERSION; a label moves, so it names no fixed traces",
                               param: paramPrefix + "prompt")
            }
        }
    }
}
