/// The `prompt` field a chat request may carry instead of (or before) `messages`:
/// `{"name": "support", "label": "production" | "version": 3, "variables": {…}}`.
/// The gateway resolves it through a `PromptStore`, then `apply`s the version to the request.
public struct PromptInvocation: Sendable, Hashable {
    public var reference: PromptReference
    public var variables: [String: JSONValue]

    public init(reference: PromptReference, variables: [String: JSONValue] = [:]) {
        self.reference = reference
        self.variables = variables
    }

    /// Reads the `prompt` object; every error names the field (`prompt.version`, `prompt.variables`).
    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json, path: "prompt")
        let known: Set<String> = ["name", "label", "version", "variables"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("prompt.\(unknown) is not a prompt field; use name, label or version, and variables",
                           param: "prompt.\(unknown)")
        }
        let name = try fields.requiredString("name")
        try Prompt.validateName(name, param: "prompt.name")
        let label = try fields.string("label")
        let version = try fields.int("version", in: NumberRange.version)
        var reference = PromptReference(name: name)
        switch (label, version) {
        case (let label?, nil):
            try Prompt.validateLabel(label, param: "prompt.label")
            reference.selector = .label(label)
        case (nil, let version?):
            reference.selector = .version(version)
        case (nil, nil):
            break
        case (_?, _?):
            throw .invalid("prompt has both label and version; give one", param: "prompt.version")
        }
        var variables: [String: JSONValue] = [:]
        for (key, value) in try fields.objectValue("variables") ?? JSONObject() { variables[key] = value }
        self.init(reference: reference, variables: variables)
    }

    /// The request with the rendered prompt in place: its messages go before the request's own, its
    /// config fills the sampling fields the request left unset (the request wins), the `prompt`
    /// field is removed, and `metadata` records `prompt_name` and `prompt_version` for the trace.
    /// A text prompt becomes one user message. Missing variables fail all at once (`prompt.variables`).
    public func apply(_ version: PromptVersion, to request: ChatRequest) throws(OpsError) -> ChatRequest {
        var out = request
        switch try version.render(variables) {
        case .chat(let messages): out.messages = messages + request.messages
        case .text(let text): out.messages = [.user(text)] + request.messages
        }
        let config = version.config
        if out.model.isEmpty, let model = config["model"]?.stringValue { out.model = model }
        if out.temperature == nil { out.temperature = config["temperature"]?.doubleValue }
        if out.topP == nil { out.topP = config["top_p"]?.doubleValue }
        if out.maxTokens == nil { out.maxTokens = (config["max_completion_tokens"] ?? config["max_tokens"])?.intValue }
        if out.seed == nil { out.seed = config["seed"]?.intValue }
        if out.stop.isEmpty, let stop = config["stop"] {
            out.stop = stop.stringValue.map { [$0] } ?? stop.arrayValue?.compactMap(\.stringValue) ?? []
        }
        out.extra["prompt"] = nil
        var metadata = out.metadata ?? JSONObject()
        metadata["prompt_name"] = .string(version.name)
        metadata["prompt_version"] = .int(Int64(version.number))
        out.metadata = metadata
        return out
    }
}
