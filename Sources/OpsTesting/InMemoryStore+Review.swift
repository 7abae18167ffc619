import Foundation
import OpsCore

extension InMemoryStore {
    public func createScoreDefinition(_ definition: ScoreDefinition) async throws {
        try await reviewStore.createScoreDefinition(definition)
    }

    public func scoreDefinition(project: String, name: String) async throws -> ScoreDefinition? {
        try await reviewStore.scoreDefinition(project: project, name: name)
    }

    public func scoreDefinitions(project: String) async throws -> [ScoreDefinition] {
        try await reviewStore.scoreDefinitions(project: project)
    }

    public func insertScores(_ scores: [Score]) async throws { try await reviewStore.insertScores(scores) }

    public func scores(project: String, target: ScoreTarget) async throws -> [Score] {
        try await reviewStore.scores(project: project, target: target)
    }

    public func scores(project: String, runID: String) async throws -> [Score] {
        try await reviewStore.scores(project: project, runID: runID)
    }

    public func createQueue(_ queue: AnnotationQueue, targets: [ScoreTarget]) async throws {
        try await reviewStore.createQueue(queue, targets: targets)
    }

    public func appendQueueItems(queueID: String, project: String, targets: [ScoreTarget]) async throws -> [QueueItem] {
        try await reviewStore.appendQueueItems(queueID: queueID, project: project, targets: targets)
    }

    public func queue(id: String, project: String) async throws -> AnnotationQueue? {
        try await reviewStore.queue(id: id, project: project)
    }

    public func queues(project: String) async throws -> [AnnotationQueue] { try await reviewStore.queues(project: project) }

    public func queueProgress(id: String, project: String, at now: Date) async throws -> QueueProgress? {
        try await reviewStore.queueProgress(id: id, project: project, at: now)
    }

    public func queueItem(queueID: String, project: String, position: Int) async throws -> QueueItem? {
        try await reviewStore.queueItem(queueID: queueID, project: project, position: position)
    }

    public func leasedItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        try await reviewStore.leasedItem(queueID: queueID, project: project, reviewer: reviewer, at: now)
    }

    public func leaseNextItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        try await reviewStore.leaseNextItem(queueID: queueID, project: project, reviewer: reviewer, at: now)
    }

    public func completeItem(queueID: String, project: String, position: Int, reviewer: String, scores: [Score],
                             at now: Date) async throws -> QueueItem {
        try await reviewStore.completeItem(queueID: queueID, project: project, position: position, reviewer: reviewer,
                                           scores: scores, at: now)
    }

    public func skipItem(queueID: String, project: String, position: Int, reviewer: String, at now: Date) async throws -> QueueItem {
        try await reviewStore.skipItem(queueID: queueID, project: project, position: position, reviewer: reviewer, at: now)
    }
}
