import Foundation

/// A list of traces or experiment items for people to review, with the score definitions each
/// reviewer fills in. Items are fixed when the queue is made (a trace filter is resolved then),
/// so every reviewer works through the same list and progress means something.
public struct AnnotationQueue: Sendable, Hashable {
    /// `queue_` + 24 hex digits.
    public var id: String
    public var project: String
    public var name: String
    public var description: String
    /// The score definitions a reviewer fills in, in form order.
    public var scoreNames: [String]
    /// Set when the queue holds the items of this experiment run; nil for a queue of traces.
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
