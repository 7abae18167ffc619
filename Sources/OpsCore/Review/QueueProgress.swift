import Foundation

/// How far reviewers have got through a queue. Items whose lease ran out count as pending again.
public struct QueueProgress: Sendable, Hashable {
    public var total: Int
    public var pending: Int
    public var leased: Int
    public var completed: Int
    public var skipped: Int

    public init(total: Int = 0, pending: Int = 0, leased: Int = 0, completed: Int = 0, skipped: Int = 0) {
        self.total = total
        self.pending = pending
        self.leased = leased
        self.completed = completed
        self.skipped = skipped
    }

    /// Counts the items' states as of `now`.
    public init(items: [QueueItem], at now: Date) {
        self.init(total: items.count)
        for item in items {
            switch item.state {
            case .completed: completed += 1
            case .skipped: skipped += 1
            case .leased where item.isLeased(at: now): leased += 1
            case .leased, .pending: pending += 1
            }
        }
    }

    /// Completed and skipped items.
    public var done: Int { completed + skipped }

    public var json: JSONValue {
        ["total": .int(Int64(total)), "pending": .int(Int64(pending)), "leased": .int(Int64(leased)),
         "completed": .int(Int64(completed)), "skipped": .int(Int64(skipped))]
    }
}
