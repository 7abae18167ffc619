import Foundation

/// One entry of an annotation queue and where it stands: waiting, held by a reviewer until the
/// lease runs out, scored, or skipped.
public struct QueueItem: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
        case pending
        case leased
        case completed
        case skipped
    }

    public var queueID: String
    /// 0, 1, 2, … in queue order: how the API names the item.
    public var position: Int
    public var target: ScoreTarget
    public var state: State
    /// The key holding the lease, or the one that completed or skipped it.
    public var reviewer: String?
    public var leaseExpiresAt: Date?
    /// When it was completed or skipped.
    public var doneAt: Date?

    public init(queueID: String, position: Int, target: ScoreTarget, state: State = .pending, reviewer: String? = nil,
                leaseExpiresAt: Date? = nil, doneAt: Date? = nil) {
        self.queueID = queueID
        self.position = position
        self.target = target
        self.state = state
        self.reviewer = reviewer
        self.leaseExpiresAt = leaseExpiresAt
        self.doneAt = doneAt
    }

    /// Whether someone holds it right now.
    public func isLeased(at now: Date) -> Bool {
        state == .leased && (leaseExpiresAt.map { $0 > now } ?? false)
    }

    /// Whether `next` may hand it out: waiting, or held by a lease that ran out.
    public func isAvailable(at now: Date) -> Bool {
        state == .pending || (state == .leased && !isLeased(at: now))
    }

    /// Why `reviewer` may not complete or skip it now, or nil when they may: an item another
    /// reviewer holds, or one already completed, is a `conflict`. A skipped item may still be scored.
    public func closingError(by reviewer: String, at now: Date) -> OpsError? {
        if state == .completed {
            return OpsError(.conflict, "Item \(position) of queue '\(queueID)' was already completed", param: "item",
                            code: "item_already_completed")
        }
        if isLeased(at: now), self.reviewer != reviewer {
            return OpsError(.conflict, "Item \(position) of queue '\(queueID)' is held by another reviewer until "
                            + (leaseExpiresAt?.iso8601 ?? "later"), param: "item", code: "item_leased")
        }
        return nil
    }

    /// The same item after `reviewer` completed (or skipped) it.
    public func closed(as state: State, by reviewer: String, at now: Date) -> QueueItem {
        var copy = self
        copy.state = state
        copy.reviewer = reviewer
        copy.leaseExpiresAt = nil
        copy.doneAt = Date(epochMicros: now.epochMicros)
        return copy
    }

    public var json: JSONValue {
        var o = JSONObject([("queue_id", .string(queueID)), ("item", .int(Int64(position)))])
        for (key, value) in target.fields { o[key == "item" ? "run_item" : key] = value }
        o["state"] = .string(state.rawValue)
        o["reviewer"] = reviewer.map { .string($0) } ?? .null
        o["lease_expires_at"] = leaseExpiresAt.map { .string($0.iso8601) } ?? .null
        o["done_at"] = doneAt.map { .string($0.iso8601) } ?? .null
        return .object(o)
    }

    /// The error for an item index the queue does not have.
    public static func notFound(queueID: String, position: Int) -> OpsError {
        OpsError(.notFound, "Queue '\(queueID)' has no item \(position)", param: "item", code: "queue_item_not_found")
    }
}
