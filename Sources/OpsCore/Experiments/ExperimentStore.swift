import Foundation

/// Where experiment runs and their per-item results are kept, per project. Saving an item that
/// is already stored replaces it, so a resumed or retried run never duplicates results.
public protocol ExperimentStore: Sendable {
    func createRun(_ run: ExperimentRun) async throws

    /// The run `id` if it belongs to `project`.
    func run(id: String, project: String) async throws -> ExperimentRun?

    /// The project's runs, newest first, at most `limit`.
    func runs(project: String, limit: Int) async throws -> [ExperimentRun]

    /// Stores (or replaces) item results of a run in one transaction. Throws `notFound` when the run
    /// is not in `project` and `invalidRequest` naming `items[i].item` when an index is out of range.
    func saveItems(runID: String, project: String, items: [ExperimentItemRecord]) async throws

    /// The stored item results, by item index.
    func items(runID: String, project: String) async throws -> [ExperimentItemRecord]

    /// Marks the run finished with its summary; false when the run is not in `project`.
    func finishRun(id: String, project: String, summary: JSONObject, at date: Date) async throws -> Bool
}

extension ExperimentStore {
    /// The checks every store makes before saving items, with the errors clients see.
    public static func saveItemsError(runID: String, itemCount: Int?, items: [ExperimentItemRecord]) -> OpsError? {
        guard let itemCount else {
            return OpsError(.notFound, "No experiment run '\(runID)'", param: "id", code: "run_not_found")
        }
        for (i, record) in items.enumerated() where record.item >= itemCount {
            return .invalid("items[\(i)].item is \(record.item), but the dataset version has \(itemCount) items "
                            + "(0…\(itemCount - 1))", param: "items[\(i)].item")
        }
        return nil
    }
}
