import OpsCore

/// What a reviewer needs to judge a queue item: the trace (input, output, its scores so far), or
/// the experiment item (the dataset input and reference, the run's output and metric scores).
struct ReviewItemContext {
    var item: QueueItem
    var trace: Trace?
    var run: ExperimentRun?
    var datasetItem: DatasetItem?
    var record: ExperimentItemRecord?
    /// Scores already given to the target, oldest first.
    var scores: [Score]

    static func load(_ item: QueueItem, project: String, store: any OpsStore) async throws -> ReviewItemContext {
        var context = ReviewItemContext(item: item, scores: try await store.scores(project: project, target: item.target))
        switch item.target {
        case .trace(let id):
            context.trace = try await store.trace(id: id, project: project)
        case .experimentItem(let runID, let index):
            guard let run = try await store.run(id: runID, project: project) else { break }
            context.run = run
            let version = try await store.version(project: project, dataset: run.dataset, hash: run.datasetVersion)
            context.datasetItem = version.flatMap { $0.items.indices.contains(index) ? $0.items[index] : nil }
            context.record = try await store.items(runID: runID, project: project).first { $0.item == index }
        }
        return context
    }

    /// The item with what it is about, as `POST /api/queues/{id}/next` returns it.
    var json: JSONValue {
        var o = item.json.objectValue ?? JSONObject()
        if let trace { o["trace"] = trace.apiJSON }
        if let run {
            var details = JSONObject([("run_id", .string(run.id)), ("dataset", .string(run.dataset)),
                                      ("dataset_version", .string(run.datasetVersion))])
            details["input"] = datasetItem?.input ?? .null
            details["expected_output"] = datasetItem?.expectedOutput ?? .null
            details["result"] = record?.json ?? .null
            o["experiment_item"] = .object(details)
        }
        o["scores"] = .array(scores.map(\.json))
        return .object(o)
    }
}
