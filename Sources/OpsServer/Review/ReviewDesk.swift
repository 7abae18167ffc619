import OpsCore

/// What a reviewer does with a queue, for the API and the console alike: take the next item,
/// complete it with scores checked against the queue's definitions, or skip it. The reviewer is
/// the key; leases and conflicts are the store's (see `AnnotationQueueStore`).
struct ReviewDesk {
    let store: any OpsStore
    let clock: any WallClock

    /// The queue of the key's project; 404 naming `id` otherwise.
    func queue(_ id: String, key: APIKey) async throws -> AnnotationQueue {
        guard let queue = try await store.queue(id: id, project: key.project) else {
            throw OpsError(.notFound, "No annotation queue '\(id)'", param: "id", code: "queue_not_found")
        }
        return queue
    }

    /// The queue's definitions, in form order (a definition removed since is left out).
    func definitions(of queue: AnnotationQueue) async throws -> [ScoreDefinition] {
        var out: [ScoreDefinition] = []
        for name in queue.scoreNames {
            if let definition = try await store.scoreDefinition(project: queue.project, name: name) { out.append(definition) }
        }
        return out
    }

    func next(_ queue: AnnotationQueue, reviewer: APIKey) async throws -> QueueItem? {
        try await store.leaseNextItem(queueID: queue.id, project: reviewer.project, reviewer: reviewer.id, at: clock.now())
    }

    /// The item `position` of the queue; 404 naming `item` otherwise.
    func item(_ queue: AnnotationQueue, position: Int) async throws -> QueueItem {
        guard let item = try await store.queueItem(queueID: queue.id, project: queue.project, position: position) else {
            throw QueueItem.notFound(queueID: queue.id, position: position)
        }
        return item
    }

    func complete(_ queue: AnnotationQueue, position: Int, submission: ReviewSubmission, reviewer: APIKey) async throws -> QueueItem {
        let item = try await item(queue, position: position)
        let now = clock.now()
        let scores = submission.scores(project: queue.project, target: item.target, reviewer: reviewer.id, queueID: queue.id, at: now)
        return try await store.completeItem(queueID: queue.id, project: queue.project, position: position, reviewer: reviewer.id,
                                            scores: scores, at: now)
    }

    func skip(_ queue: AnnotationQueue, position: Int, reviewer: APIKey) async throws -> QueueItem {
        try await store.skipItem(queueID: queue.id, project: queue.project, position: position, reviewer: reviewer.id, at: clock.now())
    }

    /// A path segment as an item index; 400 naming `item` otherwise.
    static func position(_ text: String) throws -> Int {
        guard let position = Int(text), position >= 0 else {
            throw OpsError.invalid("item must be an item index (0 or more), got '\(text)'", param: "item")
        }
        return position
    }
}
