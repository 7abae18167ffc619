import OpsCore

/// A rubric prompt version checked for use as a judge: it must show the judge the output
/// (`{{output}}`), may only use the variables a judge gets, must have a model (in its config or
/// given for the run), and declares the score range in its config as `score_range: [LOW, HIGH]`
/// (0–1 when absent).
public struct JudgeRubric: Sendable, Hashable {
    /// Variables every item provides; the item's own input variables (`{{question}}`) come on top.
    public static let standardVariables = ["input", "output", "expected", "metadata"]

    public let version: PromptVersion
    public let range: ClosedRange<Double>
    /// The model that judges: the run's choice, else the rubric's configured model.
    public let model: String
    /// The variables the rubric uses.
    public let variables: [String]

    /// Checks `version` as a judge rubric; `metric` is the metric's name, which every error starts with.
    public init(version: PromptVersion, model: String? = nil, metric: String) throws(EvalError) {
        let used: [String]
        do { used = try version.variables() } catch {
            throw .invalidOption("metric \(metric): rubric \(version.name)@\(version.number) is not a valid template: \(error.message)")
        }
        guard used.contains("output") else {
            throw .invalidOption("metric \(metric): rubric \(version.name)@\(version.number) never shows the judge the output; "
                                 + "put {{output}} in it (also available: {{input}}, {{expected}}, {{metadata}})")
        }
        guard let chosen = model ?? version.config["model"]?.stringValue, !chosen.isEmpty else {
            throw .invalidOption("metric \(metric): rubric \(version.name)@\(version.number) has no model in its config; "
                                 + "set config.model or pass --judge-model")
        }
        self.version = version
        self.model = chosen
        self.variables = used
        self.range = try Self.range(of: version, metric: metric)
    }

    /// `config.score_range` as `[LOW, HIGH]` with LOW < HIGH, or 0…1 when absent.
    static func range(of version: PromptVersion, metric: String) throws(EvalError) -> ClosedRange<Double> {
        guard let value = version.config["score_range"], !value.isNull else { return 0...1 }
        let rubric = "metric \(metric): rubric \(version.name)@\(version.number) config.score_range"
        guard let pair = value.arrayValue, pair.count == 2, let low = pair[0].doubleValue, let high = pair[1].doubleValue else {
            throw .invalidOption("\(rubric) must be [LOW, HIGH], two numbers, got \(value.serializedString())")
        }
        guard low.isFinite, high.isFinite, low < high else {
            throw .invalidOption("\(rubric) must have LOW below HIGH, got \(value.serializedString())")
        }
        return low...high
    }
}
