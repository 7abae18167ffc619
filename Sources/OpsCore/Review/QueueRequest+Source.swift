import Foundation

extension QueueRequest.Source {
    /// The body fields that say what a queue is over.
    public static let fieldNames = ["trace_ids", "trace_filter", "run_id"]

    /// Reads exactly one of `trace_ids`, `trace_filter` and `run_id` from a request body, as both
    /// `POST /api/queues` and `POST /api/queues/{id}/items` take them. Errors name the field.
    public init(fields: JSONFields) throws(OpsError) {
        let given = Self.fieldNames.filter { fields.has($0) }
        guard given.count == 1 else {
            throw .invalid(given.isEmpty ? "Say what to review: trace_ids, trace_filter or run_id"
                                         : "Give only one of trace_ids, trace_filter and run_id (got \(given.joined(separator: ", ")))",
                           param: given.last ?? "trace_ids")
        }
        if let ids = try fields.array("trace_ids") {
            self = .traceIDs(try Self.traceIDs(ids))
        } else if let filter = try fields.objectValue("trace_filter") {
            var out: [String: String] = [:]
            for (key, value) in filter {
                switch value {
                case .string(let s): out[key] = s
                case .int, .double: out[key] = value.serializedString()
                default: throw .invalid("trace_filter.\(key) must be a string, got \(value.typeDescription)", param: "trace_filter.\(key)")
                }
            }
            self = .traceFilter(out)
        } else {
            let run = try fields.requiredString("run_id")
            guard !run.isEmpty else { throw .invalid("run_id is empty", param: "run_id") }
            self = .experimentRun(run)
        }
    }

    private static func traceIDs(_ ids: [JSONValue]) throws(OpsError) -> [String] {
        guard !ids.isEmpty else { throw .invalid("trace_ids is empty", param: "trace_ids") }
        guard ids.count <= AnnotationQueue.maxItems else {
            throw .invalid("trace_ids has \(ids.count) ids; a queue holds at most \(AnnotationQueue.maxItems)", param: "trace_ids")
        }
        var seen: Set<String> = []
        var out: [String] = []
        for (i, value) in ids.enumerated() {
            guard let id = value.stringValue, !id.isEmpty else {
                throw .invalid("trace_ids[\(i)] must be a trace id", param: "trace_ids[\(i)]")
            }
            guard seen.insert(id).inserted else {
                throw .invalid("trace_ids[\(i)] '\(id)' is listed twice", param: "trace_ids[\(i)]")
            }
            out.append(id)
        }
        return out
    }

    /// The body field this source came from, for errors about what it names.
    public var param: String {
        switch self {
        case .traceIDs: return "trace_ids"
        case .traceFilter: return "trace_filter"
        case .experimentRun: return "run_id"
        }
    }

    /// Whether it names traces (rather than an experiment run's items).
    public var isTraces: Bool {
        if case .experimentRun = self { return false }
        return true
    }
}
