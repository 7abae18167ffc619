import Foundation

extension StoredColumns {
    /// A run read back from its columns; `plan`, `status` and `summary` are checked.
    public static func experimentRun(id: String, project: String, dataset: String, datasetVersion: String, itemCount: Int,
                                     plan: String, status: String, author: String, createdAtMicros: Int64,
                                     finishedAtMicros: Int64?, summary: String?) throws(Corrupt) -> ExperimentRun {
        guard let parsedStatus = ExperimentRun.Status(rawValue: status) else {
            throw Corrupt(description: "experiment_runs.status of \(id) is '\(status)', not running or finished")
        }
        return ExperimentRun(id: id, project: project, dataset: dataset, datasetVersion: datasetVersion, itemCount: itemCount,
                             plan: try object(plan, column: "experiment_runs.plan", of: id), status: parsedStatus,
                             author: author, createdAt: Date(epochMicros: createdAtMicros),
                             finishedAt: finishedAtMicros.map(Date.init(epochMicros:)),
                             summary: try summary.map { text throws(Corrupt) in
                                 try object(text, column: "experiment_runs.summary", of: id)
                             })
    }

    /// An item result read back from its columns.
    public static func experimentItem(runID: String, item: Int, output: String?, latency: Double?, promptTokens: Int?,
                                      completionTokens: Int?, cost: Double?, traceID: String?, scores: String,
                                      scoreReasons: String, scoreErrors: String, error: String?) throws(Corrupt) -> ExperimentItemRecord {
        let owner = "\(runID)[\(item)]"
        return ExperimentItemRecord(item: item, output: output, latency: latency, usage: usage(promptTokens, completionTokens),
                                    cost: cost, traceID: traceID,
                                    scores: try object(scores, column: "experiment_items.scores", of: owner),
                                    scoreReasons: try object(scoreReasons, column: "experiment_items.score_reasons", of: owner),
                                    scoreErrors: try object(scoreErrors, column: "experiment_items.score_errors", of: owner),
                                    error: error)
    }
}
