import Foundation
import OpsCore

/// Scores, score definitions and annotation queues in memory, for tests. Being an actor, it hands
/// out each queue item once however many reviewers ask at the same time, as the real stores do.
public actor InMemoryReviewStore: ScoreStore, AnnotationQueueStore {
    private var definitions: [String: [String: ScoreDefinition]] = [:]
    var storedScores: [Score] = []
    private var queuesByID: [String: AnnotationQueue] = [:]
    var itemsByQueue: [String: [QueueItem]] = [:]

    public init() {}

    public func createScoreDefinition(_ definition: ScoreDefinition) async throws {
        guard definitions[definition.project]?[definition.name] == nil else { throw Self.duplicateDefinition(definition.name) }
        var stored = definition
        stored.createdAt = Date(epochMicros: definition.createdAt.epochMicros)
        definitions[definition.project, default: [:]][definition.name] = stored
    }

    public func scoreDefinition(project: String, name: String) async throws -> ScoreDefinition? {
        definitions[project]?[name]
    }

    public func scoreDefinitions(project: String) async throws -> [ScoreDefinition] {
        (definitions[project] ?? [:]).values.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
    }

    public func insertScores(_ scores: [Score]) async throws { try insert(scores) }

    // Synchronous, like every step of `leaseNextItem` and `completeItem`: no suspension point
    // between reading an item and writing it, so concurrent reviewers cannot interleave.
    private func insert(_ scores: [Score]) throws {
        var ids = Set(storedScores.map(\.id))
        for score in scores where !ids.insert(score.id).inserted {
            throw InMemoryStore.Conflict(description: "duplicate score id \(score.id)")
        }
        storedScores += scores.map { score in
            var stored = score
            stored.createdAt = Date(epochMicros: score.createdAt.epochMicros)
            return stored
        }
    }

    public func scores(project: String, target: ScoreTarget) async throws -> [Score] {
        storedScores.filter { $0.project == project && $0.target == target }.sorted(by: Self.oldestFirst)
    }

    public func scores(project: String, runID: String) async throws -> [Score] {
        storedScores.filter { $0.project == project && $0.target.runID == runID }
            .sorted { ($0.target.item ?? 0, $0.createdAt.epochMicros, $0.id) < ($1.target.item ?? 0, $1.createdAt.epochMicros, $1.id) }
    }

    public func createQueue(_ queue: AnnotationQueue, targets: [ScoreTarget]) async throws {
        guard queuesByID[queue.id] == nil else { throw InMemoryStore.Conflict(description: "duplicate queue id \(queue.id)") }
        var stored = queue
        stored.createdAt = Date(epochMicros: queue.createdAt.epochMicros)
        stored.itemCount = targets.count
        queuesByID[queue.id] = stored
        itemsByQueue[queue.id] = targets.enumerated().map { QueueItem(queueID: queue.id, position: $0.offset, target: $0.element) }
    }

    public func appendQueueItems(queueID: String, project: String, targets: [ScoreTarget]) async throws -> [QueueItem] {
        guard var queue = find(queueID, project) else { throw Self.queueNotFound(queueID) }
        let held = itemsByQueue[queueID] ?? []
        let added = Self.newTargets(targets, held: Set(held.map(\.target)))
        guard !added.isEmpty else { return [] }
        guard held.count + added.count <= AnnotationQueue.maxItems else {
            throw Self.queueFull(queueID, holds: held.count, adding: added.count)
        }
        // Positions continue after the last one given: items erased with an end user's traces leave gaps.
        let items = added.enumerated().map { QueueItem(queueID: queueID, position: queue.itemCount + $0.offset, target: $0.element) }
        itemsByQueue[queueID] = held + items
        queue.itemCount += items.count
        queuesByID[queueID] = queue
        return items
    }

    public func queue(id: String, project: String) async throws -> AnnotationQueue? { find(id, project) }

    private func find(_ id: String, _ project: String) -> AnnotationQueue? {
        queuesByID[id].flatMap { $0.project == project ? $0 : nil }
    }

    public func queues(project: String) async throws -> [AnnotationQueue] {
        queuesByID.values.filter { $0.project == project }
            .sorted { ($0.createdAt.epochMicros, $0.id) > ($1.createdAt.epochMicros, $1.id) }
    }

    public func queueProgress(id: String, project: String, at now: Date) async throws -> QueueProgress? {
        guard find(id, project) != nil else { return nil }
        return QueueProgress(items: itemsByQueue[id] ?? [], at: now)
    }

    public func queueItem(queueID: String, project: String, position: Int) async throws -> QueueItem? {
        guard find(queueID, project) != nil else { return nil }
        return itemsByQueue[queueID]?.first { $0.position == position }
    }

    public func leasedItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        guard find(queueID, project) != nil else { return nil }
        return held(queueID, reviewer, now)
    }

    private func held(_ queueID: String, _ reviewer: String, _ now: Date) -> QueueItem? {
        itemsByQueue[queueID]?.first { $0.isLeased(at: now) && $0.reviewer == reviewer }
    }

    public func leaseNextItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        guard let queue = find(queueID, project) else { throw Self.queueNotFound(queueID) }
        if let held = held(queueID, reviewer, now) { return held }
        guard let index = itemsByQueue[queueID]?.firstIndex(where: { $0.isAvailable(at: now) }) else { return nil }
        var item = itemsByQueue[queueID]![index]
        item.state = .leased
        item.reviewer = reviewer
        item.leaseExpiresAt = Date(epochMicros: now.addingTimeInterval(Double(queue.leaseSeconds)).epochMicros)
        itemsByQueue[queueID]![index] = item
        return item
    }

    public func completeItem(queueID: String, project: String, position: Int, reviewer: String, scores: [Score],
                             at now: Date) async throws -> QueueItem {
        let item = try closable(queueID: queueID, project: project, position: position, reviewer: reviewer, at: now)
        try insert(scores)
        let closed = item.closed(as: .completed, by: reviewer, at: now)
        if let index = itemsByQueue[queueID]?.firstIndex(where: { $0.position == position }) { itemsByQueue[queueID]![index] = closed }
        return closed
    }

    public func skipItem(queueID: String, project: String, position: Int, reviewer: String, at now: Date) async throws -> QueueItem {
        let item = try closable(queueID: queueID, project: project, position: position, reviewer: reviewer, at: now)
        let closed = item.closed(as: .skipped, by: reviewer, at: now)
        if let index = itemsByQueue[queueID]?.firstIndex(where: { $0.position == position }) { itemsByQueue[queueID]![index] = closed }
        return closed
    }

    private func closable(queueID: String, project: String, position: Int, reviewer: String, at now: Date) throws -> QueueItem {
        guard find(queueID, project) != nil else { throw Self.queueNotFound(queueID) }
        guard let item = itemsByQueue[queueID]?.first(where: { $0.position == position }) else {
            throw QueueItem.notFound(queueID: queueID, position: position)
        }
        if let error = item.closingError(by: reviewer, at: now) { throw error }
        return item
    }

    private static func oldestFirst(_ a: Score, _ b: Score) -> Bool {
        (a.createdAt.epochMicros, a.id) < (b.createdAt.epochMicros, b.id)
    }
}
