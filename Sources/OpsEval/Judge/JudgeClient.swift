import OpsCore

/// Sends a judge's rubric to a model and returns the model's answer text. OpsEval does no I/O:
/// the CLI implements this over the gateway (so the judge call is traced, priced and limited like
/// any other), tests with a fake.
public protocol JudgeClient: Sendable {
    func complete(_ request: JudgeRequest) async throws -> String
}

/// One judge call: the rubric prompt version rendered with the item's variables, on a model.
public struct JudgeRequest: Sendable, Hashable {
    /// The rubric's prompt name and version (resolved before the run, so a label move changes nothing).
    public var prompt: String
    public var version: Int
    /// `input`, `output`, `expected`, `metadata` and the item's own input variables.
    public var variables: JSONObject
    /// Overrides the rubric's configured model, when set.
    public var model: String?

    public init(prompt: String, version: Int, variables: JSONObject, model: String? = nil) {
        self.prompt = prompt
        self.version = version
        self.variables = variables
        self.model = model
    }
}
