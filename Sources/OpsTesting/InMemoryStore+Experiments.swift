import Foundation
import OpsCore

extension InMemoryStore {
    public func createRun(_ run: ExperimentRun) async throws { try await experimentStore.createRun(run) }

    public func run(id: String, project: String) async throws -> ExperimentRun? {
        try await experimentStore.run(id: id, project: project)
    }

    public func runs(project: String, limit: Int) async throws -> [ExperimentRun] {
        try await experimentStore.runs(project: project, limit: limit)
    }

    public func saveItems(runID: String, project: String, items: [ExperimentItemRecord]) async throws {
        try await experimentStore.saveItems(runID: runID, project: project, items: items)
    }

    public func items(runID: String, project: String) async throws -> [ExperimentItemRecord] {
        try await experimentStore.items(runID: runID, project: project)
    }

    public func finishRun(id: String, project: String, summary: JSONObject, at date: Date) async throws -> Bool {
        try await experimentStore.finishRun(id: id, project: project, summary: summary, at: date)
    }
}
