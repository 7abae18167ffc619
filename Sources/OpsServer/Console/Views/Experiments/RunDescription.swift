import OpsCore

/// The readable parts of a run: its target, metrics and dataset version.
struct RunDescription {
    var target: String
    var metrics: [String]
    var dataset: String

    init(_ run: ExperimentRun) {
        let target = run.plan["target"]
        switch target?["type"]?.stringValue {
        case "prompt"?:
            let model = target?["model"]?.stringValue.map { " on \($0)" } ?? ""
            self.target = "prompt \(target?["prompt"]?.stringValue ?? "?")@\(target?["version"]?.intValue ?? 0)\(model)"
        case "model"?:
            self.target = "model \(target?["model"]?.stringValue ?? "?")"
        default:
            self.target = target.map { $0.serializedString() } ?? "—"
        }
        metrics = (run.plan["metrics"]?.arrayValue ?? []).compactMap(\.stringValue)
        dataset = "\(run.dataset)@\(run.datasetVersion.prefix(12))"
    }
}
