import Foundation

/// `POST /api/queues` as read from its body, before the server resolves what it names:
/// `{"name", "description"?, "score_definitions": [...], "lease_seconds"?}` plus exactly one of
/// `"trace_ids": [...]`, `"trace_filter": {"model", "tag", "from", …}` or `"run_id"`.
public struct QueueRequest: Sendable, Hashable {
    /// What the queue is over.
    public enum Source: Sendable, Hashable {
        case traceIDs([String])
        /// Filter names and values as `GET /api/traces` takes them.
        case traceFilter([String: String])
        case experimentRun(String)
    }

    public var name: String
    public var description: String
    public var scoreNames: [String]
    public var source: Source
    public var leaseSeconds: Int

    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json)
        let known: Set<String> = ["name", "description", "score_definitions", "trace_ids", "trace_filter", "run_id", "lease_seconds"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("\(unknown) is not a queue field", param: unknown)
        }
        name = try fields.requiredString("name")
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else {
            throw .invalid("name must be 1 to 200 characters", param: "name")
        }
        description = try fields.string("description") ?? ""
        guard let definitions = try fields.array("score_definitions"), !definitions.isEmpty else {
            throw .invalid("score_definitions is required: the names of the scores reviewers fill in", param: "score_definitions")
        }
        var names: [String] = []
        for (i, value) in definitions.enumerated() {
            guard let name = value.stringValue else {
                throw .invalid("score_definitions[\(i)] must be a string, got \(value.typeDescription)", param: "score_definitions[\(i)]")
            }
            guard !names.contains(name) else {
                throw .invalid("score_definitions[\(i)] '\(name)' is listed twice", param: "score_definitions[\(i)]")
            }
            names.append(name)
        }
        scoreNames = names
        leaseSeconds = try fields.int("lease_seconds") ?? AnnotationQueue.defaultLeaseSeconds
        guard AnnotationQueue.leaseRange.contains(leaseSeconds) else {
            throw .invalid("lease_seconds must be between \(AnnotationQueue.leaseRange.lowerBound) and "
                           + "\(AnnotationQueue.leaseRange.upperBound), got \(leaseSeconds)", param: "lease_seconds")
        }
        let given = ["trace_ids", "trace_filter", "run_id"].filter { fields.has($0) }
        guard given.count == 1 else {
            throw .invalid(given.isEmpty ? "Say what to review: trace_ids, trace_filter or run_id"
                                         : "Give only one of trace_ids, trace_filter and run_id (got \(given.joined(separator: ", ")))",
                           param: given.last ?? "trace_ids")
        }
        if let ids = try fields.array("trace_ids") {
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
            source = .traceIDs(out)
        } else if let filter = try fields.objectValue("trace_filter") {
            var out: [String: String] = [:]
            for (key, value) in filter {
                switch value {
                case .string(let s): out[key] = s
                case .int, .double: out[key] = value.serializedString()
                default: throw .invalid("trace_filter.\(key) must be a string, got \(value.typeDescription)", param: "trace_filter.\(key)")
                }
            }
            source = .traceFilter(out)
        } else {
            let run = try fields.requiredString("run_id")
            guard !run.isEmpty else { throw .invalid("run_id is empty", param: "run_id") }
            source = .experimentRun(run)
        }
    }
}
