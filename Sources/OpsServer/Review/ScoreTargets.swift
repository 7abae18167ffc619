import OpsCore

/// Checks that what a score or a queue names exists in the key's project: the trace, or the run
/// and the item index within it. Another project's trace is reported exactly like a missing one.
struct ScoreTargets {
    let store: any OpsStore
    let project: String

    /// `param` names the field in the error (`trace_id`, `trace_ids[3]`).
    func check(_ target: ScoreTarget, param: String? = nil) async throws {
        switch target {
        case .trace(let id):
            guard try await store.trace(id: id, project: project) != nil else {
                throw OpsError(.notFound, "No trace '\(id)' in project '\(project)'", param: param ?? "trace_id",
                               code: "trace_not_found")
            }
        case .experimentItem(let runID, let item):
            let run = try await self.run(runID)
            guard item < run.itemCount else {
                throw OpsError(.notFound, "Run '\(runID)' has no item \(item) (it has \(run.itemCount))", param: "item",
                               code: "run_item_not_found")
            }
        }
    }

    /// The run `id` of the project; 404 naming `run_id` otherwise.
    func run(_ id: String) async throws -> ExperimentRun {
        guard let run = try await store.run(id: id, project: project) else {
            throw OpsError(.notFound, "No experiment run '\(id)'", param: "run_id", code: "run_not_found")
        }
        return run
    }
}
