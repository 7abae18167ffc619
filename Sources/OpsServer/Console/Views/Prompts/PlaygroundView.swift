import OpsCore

/// `GET/POST /prompts/{name}/playground`: pick a version, a model and the variables' values, run
/// it through the gateway, and read the answer with its trace, latency, tokens and cost.
struct PlaygroundView {
    struct Variable {
        var name: String
        var field: String
        var value: String
    }

    struct Result {
        var answer: String
        var model: String
        var traceHref: String?
        var traceID: String
        var latency: String
        var tokens: String
        var cost: String
    }

    var name: String
    var base: String
    var versionOptions: [SelectOption]
    var modelOptions: [SelectOption]
    var variables: [Variable]
    var hasVariables: Bool
    var shownNumber: Int
    var body: PromptBodyView
    var result: Result?
    var error: String?
    var errorField: String?
    var canRun: Bool

    init(name: String, versions: [PromptVersion], shown: PromptVersion, models: [String], model: String?,
         values: [String: String], canRun: Bool) {
        self.name = name
        base = "/prompts/" + ConsoleFormat.queryValue(name)
        versionOptions = SelectOption.list(versions.map { String($0.number) }, selected: String(shown.number), label: { "v\($0)" })
        let chosen = model ?? shown.config["model"]?.stringValue
        modelOptions = SelectOption.list(models, selected: chosen)
        variables = ((try? shown.variables()) ?? []).map { Variable(name: $0, field: "var." + $0, value: values[$0] ?? "") }
        hasVariables = !variables.isEmpty
        shownNumber = shown.number
        body = PromptBodyView(shown)
        self.canRun = canRun
    }
}
