import Foundation
import OpsCore

/// An `ExperimentStore` in memory, for tests. Times are kept to the microsecond.
public actor InMemoryExperimentStore: ExperimentStore {
    var runsByID: [String: ExperimentRun] = [:]
    var itemsByRun: [String: [Int: ExperimentItemRecord]] = [:]

    public init() {}

    public func createRun(_ run: ExperimentRun) async throws {
        guard runsByID[run.id] == nil else { throw InMemoryStore.Conflict(description: "duplicate run id \(run.id)") }
        var stored = run
        stored.createdAt = Date(epochMicros: run.createdAt.epochMicros)
        stored.finishedAt = run.finishedAt.map { Date(epochMicros: $0.epochMicros) }
        runsByID[run.id] = stored
    }

    public func run(id: String, project: String) async throws -> ExperimentRun? {
        runsByID[id].flatMap { $0.project == project ? $0 : nil }
    }

    public func runs(project: String, limit: Int) async throws -> [ExperimentRun] {
        Array(runsByID.values.filter { $0.project == project }
            .sorted { ($0.createdAt.epochMicros, $0.id) > ($1.createdAt.epochMicros, $1.id) }.prefix(max(limit, 0)))
    }

    public func saveItems(runID: String, project: String, items: [ExperimentItemRecord]) async throws {
        let run = try await run(id: runID, project: project)
        if let error = Self.saveItemsError(runID: runID, itemCount: run?.itemCount, items: items) { throw error }
        for record in items { itemsByRun[runID, default: [:]][record.item] = record }
    }

    public func items(runID: String, project: String) async throws -> [ExperimentItemRecord] {
        guard try await run(id: runID, project: project) != nil else { return [] }
        return (itemsByRun[runID] ?? [:]).values.sorted { $0.item < $1.item }
    }

    public func finishRun(id: String, project: String, summary: JSONObject, at date: Date) async throws -> Bool {
        guard var run = try await run(id: id, project: project) else { return false }
        run.status = .finished
        run.summary = summary
        run.finishedAt = Date(epochMicros: date.epochMicros)
        runsByID[id] = run
        return true
    }
}
