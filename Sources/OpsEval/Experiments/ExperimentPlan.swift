import OpsCore

/// What an experiment runs: a target over one dataset version, scored with named metrics, with at
/// most `concurrency` items in flight. Stored with the run so it can be resumed and reproduced.
public struct ExperimentPlan: Sendable, Hashable {
    /// What produces the outputs.
    public enum Target: Sendable, Hashable {
        /// A prompt version rendered with each item's variables (`prompt` as `NAME@VERSION`, resolved
        /// before the run so a label move during the run changes nothing).
        case prompt(name: String, version: Int, model: String?)
        /// A model or route alias called with each item's messages.
        case model(String)

        public var description: String {
            switch self {
            case .prompt(let name, let version, let model): return "\(name)@\(version)" + (model.map { " on \($0)" } ?? "")
            case .model(let model): return model
            }
        }

        public var json: JSONValue {
            switch self {
            case .prompt(let name, let version, let model):
                var o = JSONObject([("type", "prompt"), ("prompt", .string(name)), ("version", .int(Int64(version)))])
                if let model { o["model"] = .string(model) }
                return .object(o)
            case .model(let model):
                return ["type": "model", "model": .string(model)]
            }
        }
    }

    public var dataset: String
    /// The content hash of the dataset version.
    public var datasetVersion: String
    public var target: Target
    /// Metric names as `MetricSpec` parses them, in the order reports list them.
    public var metrics: [String]
    public var concurrency: Int
    /// How the metrics are configured (normalization, judge versions, scorer timeout, …).
    public var settings: MetricSettings

    /// Checks the plan: known metrics (`MetricSpec`), no duplicates, concurrency between 1 and 256.
    public init(dataset: String, datasetVersion: String, target: Target, metrics: [String],
                concurrency: Int = 8, settings: MetricSettings = MetricSettings()) throws {
        guard (1...256).contains(concurrency) else {
            throw EvalError.invalidOption("concurrency must be between 1 and 256, got \(concurrency)")
        }
        guard !metrics.isEmpty else {
            throw EvalError.invalidOption("an experiment needs at least one metric (--metric NAME)")
        }
        for metric in metrics { _ = try MetricSpec(parsing: metric) }
        if let duplicate = metrics.first(where: { m in metrics.filter { $0 == m }.count > 1 }) {
            throw EvalError.invalidOption("metric \(duplicate) is listed twice")
        }
        self.dataset = dataset
        self.datasetVersion = datasetVersion
        self.target = target
        self.metrics = metrics
        self.concurrency = concurrency
        self.settings = settings
    }

    /// The metrics, parsed.
    public var specs: [MetricSpec] { metrics.compactMap { try? MetricSpec(parsing: $0) } }

    /// The plan as stored with the run.
    public var json: JSONValue {
        ["dataset": .string(dataset), "dataset_version": .string(datasetVersion), "target": target.json,
         "metrics": .array(metrics.map { .string($0) }), "concurrency": .int(Int64(concurrency)), "settings": settings.json]
    }
}
