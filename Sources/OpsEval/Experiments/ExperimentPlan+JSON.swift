import OpsCore

extension ExperimentPlan.Target {
    /// Reads `{"type": "prompt", "prompt", "version", "model"?}` or `{"type": "model", "model"}`;
    /// errors name the field under `path`.
    public init(json: JSONValue, path: String = "target") throws(OpsError) {
        let fields = try JSONFields(json, path: path)
        switch try fields.string("type") {
        case "prompt"?:
            let name = try fields.requiredString("prompt")
            try Prompt.validateName(name, param: "\(path).prompt")
            guard let version = try fields.int("version", in: NumberRange.version) else {
                throw .invalid("\(path).version is required: the prompt version the run uses", param: "\(path).version")
            }
            self = .prompt(name: name, version: version, model: try fields.string("model"))
        case "model"?:
            self = .model(try fields.requiredString("model"))
        case let other:
            throw .invalid("\(path).type must be 'prompt' or 'model', got \(other.map { "'\($0)'" } ?? "nothing")",
                           param: "\(path).type")
        }
    }
}

extension ExperimentPlan {
    /// Reads a plan as the experiments API stores it (`dataset`, `dataset_version`, `target`, `metrics`,
    /// `concurrency`, `settings`); every error is an `invalidRequest` naming the field.
    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json)
        let target = try Target(json: fields.object["target"] ?? .null)
        guard let rawMetrics = try fields.array("metrics"), !rawMetrics.isEmpty else {
            throw .invalid("metrics is required: a non-empty list of metrics: \(MetricSpec.forms)", param: "metrics")
        }
        var metrics: [String] = []
        for (i, value) in rawMetrics.enumerated() {
            guard let name = value.stringValue else {
                throw .invalid("metrics[\(i)] is not a metric: \(value.serializedString()); metrics are strings: \(MetricSpec.forms)",
                               param: "metrics[\(i)]")
            }
            do { _ = try MetricSpec(parsing: name) } catch {
                if case .unknownMetric = error {
                    throw .invalid("metrics[\(i)] is not a metric: \(value.serializedString()); use \(MetricSpec.forms)",
                                   param: "metrics[\(i)]")
                }
                throw .invalid("metrics[\(i)]: \(error)", param: "metrics[\(i)]")
            }
            metrics.append(name)
        }
        let concurrency = try fields.int("concurrency", in: 1...1024) ?? 8
        var settings = MetricSettings()
        if let object = try fields.objectValue("settings") { settings = try MetricSettings(json: .object(object)) }
        do {
            try self.init(dataset: try fields.requiredString("dataset"), datasetVersion: try fields.string("dataset_version") ?? "",
                          target: target, metrics: metrics, concurrency: concurrency, settings: settings)
        } catch let error as OpsError {
            throw error
        } catch {
            let param = "\(error)".contains("concurrency") ? "concurrency" : "metrics"
            throw .invalid("\(error)", param: param)
        }
    }
}
