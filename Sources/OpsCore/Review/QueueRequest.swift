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
        let known = Set(["name", "description", "score_definitions", "lease_seconds"] + Source.fieldNames)
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
        leaseSeconds = try fields.int("lease_seconds", in: AnnotationQueue.leaseRange) ?? AnnotationQueue.defaultLeaseSeconds
        source = try Source(fields: fields)
    }
}
