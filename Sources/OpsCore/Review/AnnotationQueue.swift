import Foundation

/// A list of traces or experiment items for people to review, with the score definitions each
/// reviewer fills in. Items are fixed when they are added (a trace filter is resolved then, when
/// the queue is made or items are added to it), so every reviewer works through the same list and
/// progress means something. A queue holds one kind of item: traces, or items of experiment runs.
public struct AnnotationQueue: Sendable, Hashable {
    /// `queue_` + 24 hex digits.
    public var id: String
    public var project: String
    public var name: String
    public var description: String
    /// The score definitions a reviewer fills in, in form order.
    public var scoreNames: [String]
    /// Set when the queue holds experiment items: the run it was made from (items of other runs
    /// may be added since); nil for a queue of traces.
    public var runID: String?
    /// How long a reviewer holds an item before another may take it.
    public var leaseSeconds: Int
    public var itemCount: Int
    public var author: String
    public var createdAt: Date

    public init(id: String = Identifier.prefixed("queue"), project: String, name: String, description: String = "",
                scoreNames: [String], runID: String? = nil, leaseSeconds: Int = AnnotationQueue.defaultLeaseSeconds,
                itemCount: Int, author: String, createdAt: Date) {
        self.id = id
        self.project = project
        self.name = name
        self.description = description
        self.scoreNames = scoreNames
        self.runID = runID
        self.leaseSeconds = leaseSeconds
        self.itemCount = itemCount
        self.author = author
        self.createdAt = createdAt
    }

    /// Fifteen minutes: long enough to read a conversation, short enough that an abandoned item comes back.
    public static let defaultLeaseSeconds = 900
    public static let leaseRange = 10...86_400
    /// The most items one queue holds.
    public static let maxItems = 10_000

    /// `traces` or `experiment_items`.
    public var kind: String { runID == nil ? "traces" : "experiment_items" }

    /// Why the items `source` names cannot join this queue, or nil when they can: a queue of traces
    /// takes traces, a queue of experiment items takes a run's items (a 400 naming the source's field).
    public func additionError(_ source: QueueRequest.Source) -> OpsError? {
        switch (runID, source.isTraces) {
        case (nil, false):
            return .invalid("Queue '\(name)' holds traces; add traces to it, or add the run's items to a queue of experiment items",
                            param: source.param, code: "queue_kind_mismatch")
        case (.some, true):
            return .invalid("Queue '\(name)' holds experiment items; add a run's items to it, or add traces to a queue of traces",
                            param: source.param, code: "queue_kind_mismatch")
        default:
            return nil
        }
    }

    /// The queue as the API returns it (with its progress when given).
    public func json(progress: QueueProgress? = nil) -> JSONValue {
        var o = JSONObject([("id", .string(id)), ("name", .string(name)), ("description", .string(description)),
                            ("kind", .string(kind))])
        o["run_id"] = runID.map { .string($0) } ?? .null
        o["score_definitions"] = .array(scoreNames.map { .string($0) })
        o["lease_seconds"] = .int(Int64(leaseSeconds))
        o["item_count"] = .int(Int64(itemCount))
        o["author"] = .string(author)
        o["created_at"] = .string(createdAt.iso8601)
        if let progress { o["progress"] = progress.json }
        return .object(o)
    }
}
