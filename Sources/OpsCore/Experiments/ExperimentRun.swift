import Foundation

/// One experiment run as the store keeps it: which dataset version it ran on, its plan (target,
/// metrics, concurrency) as JSON, whether it has finished, and the summary written at the end.
/// Item results are stored separately, one `ExperimentItemRecord` each, so a run is resumable.
public struct ExperimentRun: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case running
        case finished
    }

    /// `run_` + 24 hex digits.
    public var id: String
    public var project: String
    public var dataset: String
    /// The content hash of the dataset version.
    public var datasetVersion: String
    /// Items in that version: item indices run from 0 to `itemCount - 1`.
    public var itemCount: Int
    /// `{"target": {...}, "metrics": [...], "concurrency": N}` as the client planned it.
    public var plan: JSONObject
    public var status: Status
    /// The key that started it.
    public var author: String
    public var createdAt: Date
    public var finishedAt: Date?
    /// The figures the client computed at the end (metric means, latency, tokens, gate outcome).
    public var summary: JSONObject?

    public init(id: String = Identifier.prefixed("run"), project: String, dataset: String, datasetVersion: String,
                itemCount: Int, plan: JSONObject, status: Status = .running, author: String, createdAt: Date,
                finishedAt: Date? = nil, summary: JSONObject? = nil) {
        self.id = id
        self.project = project
        self.dataset = dataset
        self.datasetVersion = datasetVersion
        self.itemCount = itemCount
        self.plan = plan
        self.status = status
        self.author = author
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.summary = summary
    }

    /// The run as the API returns it (without items).
    public var json: JSONValue {
        var o = JSONObject()
        o["id"] = .string(id)
        o["dataset"] = .string(dataset)
        o["dataset_version"] = .string(datasetVersion)
        o["item_count"] = .int(Int64(itemCount))
        o["plan"] = .object(plan)
        o["status"] = .string(status.rawValue)
        o["author"] = .string(author)
        o["created_at"] = .string(createdAt.iso8601)
        o["finished_at"] = finishedAt.map { .string($0.iso8601) } ?? .null
        o["summary"] = summary.map { .object($0) } ?? .null
        return .object(o)
    }
}
