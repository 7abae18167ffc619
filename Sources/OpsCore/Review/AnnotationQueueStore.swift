import Foundation

/// Where annotation queues and their items are kept, per project. Handing out items is atomic:
/// two reviewers asking at once never get the same item, on every store and across replicas.
public protocol AnnotationQueueStore: Sendable {
    /// Stores the queue with one item per target, in order, all pending.
    func createQueue(_ queue: AnnotationQueue, targets: [ScoreTarget]) async throws

    /// Appends one pending item per target the queue does not hold yet, after its last item and in
    /// the order given, and returns the items added (none when it held them all), in one transaction:
    /// two additions at once never take the same position or add the same target twice. A missing
    /// queue is `notFound`; an addition that would pass `AnnotationQueue.maxItems` is `queueFull` and adds nothing.
    func appendQueueItems(queueID: String, project: String, targets: [ScoreTarget]) async throws -> [QueueItem]

    /// The queue `id` if it belongs to `project`.
    func queue(id: String, project: String) async throws -> AnnotationQueue?

    /// The project's queues, newest first.
    func queues(project: String) async throws -> [AnnotationQueue]

    /// The queue's counts as of `now`; nil when the queue is not in `project`.
    func queueProgress(id: String, project: String, at now: Date) async throws -> QueueProgress?

    /// One item by position; nil when the queue or the item does not exist in `project`.
    func queueItem(queueID: String, project: String, position: Int) async throws -> QueueItem?

    /// The item `reviewer` holds in the queue right now, if any.
    func leasedItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem?

    /// Leases the next item to `reviewer` for the queue's lease time: the one they already hold if
    /// any, else the first waiting (or abandoned) item; nil when none is left. A missing queue is `notFound`.
    func leaseNextItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem?

    /// Stores the reviewer's scores and marks the item completed, in one transaction. A missing
    /// item is `notFound`; one that another reviewer holds, or that is done, a `conflict`.
    func completeItem(queueID: String, project: String, position: Int, reviewer: String, scores: [Score],
                      at now: Date) async throws -> QueueItem

    /// Marks the item skipped (it is not handed out again), with the same checks as `completeItem`.
    func skipItem(queueID: String, project: String, position: Int, reviewer: String, at now: Date) async throws -> QueueItem
}

extension AnnotationQueueStore {
    /// The error for a queue that is not in the project.
    public static func queueNotFound(_ id: String) -> OpsError {
        OpsError(.notFound, "No annotation queue '\(id)'", param: "id", code: "queue_not_found")
    }

    /// The error for an addition that would pass `AnnotationQueue.maxItems`.
    public static func queueFull(_ id: String, holds: Int, adding: Int) -> OpsError {
        .invalid("Queue '\(id)' holds \(holds) items; \(adding) more would pass the \(AnnotationQueue.maxItems) a queue holds",
                 code: "queue_full")
    }

    /// The targets of `targets` that are not in `held` nor earlier in `targets`, in order: what an
    /// addition appends.
    public static func newTargets(_ targets: [ScoreTarget], held: Set<ScoreTarget>) -> [ScoreTarget] {
        var seen = held
        return targets.filter { seen.insert($0).inserted }
    }
}
