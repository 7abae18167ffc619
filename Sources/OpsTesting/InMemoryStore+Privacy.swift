import Foundation
import OpsCore

extension InMemoryStore {
    public func purgeExpired(_ kind: RetentionKind, project: String, before cutoff: Date, limit: Int) async throws
        -> [String: Int] {
        let limit = max(1, limit), cutoff = cutoff.epochMicros
        switch kind {
        case .traces:
            let due = traces.values.filter { $0.project == project && $0.createdAt.epochMicros < cutoff }
                .sorted { ($0.createdAt.epochMicros, $0.id) < ($1.createdAt.epochMicros, $1.id) }.prefix(limit)
            for trace in due { traces[trace.id] = nil }
            let generations = due.reduce(0) { $0 + $1.generations.count }
            return Self.nonZero(["traces": due.count, "generations": generations])
        case .scores:
            return Self.nonZero(["scores": await reviewStore.purgeScores(project: project, before: cutoff, limit: limit)])
        case .experiments:
            let (runs, items) = await experimentStore.purgeRuns(project: project, before: cutoff, limit: limit)
            return Self.nonZero(["experiment_runs": runs, "experiment_items": items])
        }
    }

    public func queueItems(project: String, traceIDs: [String]) async throws -> [QueueItem] {
        await reviewStore.queueItems(project: project, traceIDs: Set(traceIDs))
    }

    public func eraseEndUser(project: String, user: String) async throws -> [String: Int] {
        let erased = traces.values.filter { $0.project == project && $0.user == user }
        let ids = Set(erased.map(\.id))
        var counts = Dictionary(uniqueKeysWithValues: ErasedTables.all.map { ($0, 0) })
        for id in ids { traces[id] = nil }
        counts["traces"] = erased.count
        counts["generations"] = erased.reduce(0) { $0 + $1.generations.count }
        (counts["scores"], counts["queue_items"]) = await reviewStore.erase(project: project, traceIDs: ids)
        (counts["dataset_versions"], counts["dataset_items"]) = await datasetStore.eraseVersions(project: project, traceIDs: ids)
        return counts
    }

    private static func nonZero(_ counts: [String: Int]) -> [String: Int] { counts.filter { $0.value > 0 } }
}

extension InMemoryReviewStore {
    func purgeScores(project: String, before cutoff: Int64, limit: Int) -> Int {
        let due = Set(storedScores.filter { $0.project == project && $0.createdAt.epochMicros < cutoff }
            .sorted { ($0.createdAt.epochMicros, $0.id) < ($1.createdAt.epochMicros, $1.id) }.prefix(limit).map(\.id))
        storedScores.removeAll { due.contains($0.id) }
        return due.count
    }

    func queueItems(project: String, traceIDs: Set<String>) async -> [QueueItem] {
        var found: [QueueItem] = []
        for (queueID, items) in itemsByQueue where (try? await queue(id: queueID, project: project)) != nil {
            found += items.filter { $0.target.traceID.map(traceIDs.contains) ?? false }
        }
        return found.sorted { ($0.queueID, $0.position) < ($1.queueID, $1.position) }
    }

    /// Drops the scores and queue items pointing at `traceIDs`; returns how many of each.
    func erase(project: String, traceIDs: Set<String>) async -> (scores: Int, queueItems: Int) {
        let before = storedScores.count
        storedScores.removeAll { $0.project == project && ($0.target.traceID.map(traceIDs.contains) ?? false) }
        let items = await queueItems(project: project, traceIDs: traceIDs)
        for item in items { itemsByQueue[item.queueID]?.removeAll { $0.position == item.position } }
        return (before - storedScores.count, items.count)
    }
}

extension InMemoryDatasetStore {
    /// Drops every version holding an item made from one of `traceIDs`; returns the versions and item rows dropped.
    func eraseVersions(project: String, traceIDs: Set<String>) -> (versions: Int, items: Int) {
        var versions = 0, items = 0
        for (key, stored) in versionsByName where key.project == project {
            let (gone, kept) = stored.reduce(into: ([DatasetVersion](), [DatasetVersion]())) { split, version in
                let derived = version.items.contains { $0.metadata["trace_id"]?.stringValue.map(traceIDs.contains) ?? false }
                if derived { split.0.append(version) } else { split.1.append(version) }
            }
            versions += gone.count
            items += gone.reduce(0) { $0 + $1.items.count }
            versionsByName[key] = kept.isEmpty ? nil : kept
        }
        return (versions, items)
    }
}

extension InMemoryExperimentStore {
    func purgeRuns(project: String, before cutoff: Int64, limit: Int) -> (runs: Int, items: Int) {
        let due = runsByID.values.filter { $0.project == project && $0.createdAt.epochMicros < cutoff }
            .sorted { ($0.createdAt.epochMicros, $0.id) < ($1.createdAt.epochMicros, $1.id) }.prefix(limit)
        var items = 0
        for run in due {
            runsByID[run.id] = nil
            items += itemsByRun.removeValue(forKey: run.id)?.count ?? 0
        }
        return (due.count, items)
    }
}
