import OpsCore

/// Runs a stored prompt from a chat request: a body with `"prompt": {"name", "label" | "version",
/// "variables"}` leaves here with the rendered messages before its own, the prompt's config filling
/// the sampling fields (and `model`) the body left unset, and `metadata.prompt_name` /
/// `metadata.prompt_version` for the trace. A body without `prompt` passes through untouched.
///
/// It works on the JSON body, before `ChatRequest` validates it, because a prompt call may carry
/// no `messages` and no `model` of its own.
enum PromptExpansion {
    /// Unknown prompt, label or version → 404 (`prompt_not_found`); missing variables → 400 naming them.
    static func expand(_ body: JSONValue, context: OpsRequestContext, services: GatewayServices) async throws -> JSONValue {
        guard case .object(var object) = body, let field = object["prompt"] else { return body }
        let key = try context.requireKey()
        let invocation = try PromptInvocation(json: field)
        let version = try await services.prompts.resolve(invocation.reference, project: key.project)

        var own: [JSONValue] = []
        switch object["messages"] {
        case nil, .null?: break
        case .array(let messages)?: own = messages
        case let other?: throw OpsError.invalid("messages must be an array, got \(other.typeDescription)", param: "messages")
        }
        var metadata: JSONObject?
        switch object["metadata"] {
        case nil, .null?: break
        case .object(let value)?: metadata = value
        case let other?: throw OpsError.invalid("metadata must be an object, got \(other.typeDescription)", param: "metadata")
        }
        // apply() on a request holding only what the body sets for model and metadata: what it
        // returns for the other fields is the prompt's config, used below where the body has nothing.
        let applied = try invocation.apply(version, to: ChatRequest(model: object["model"]?.stringValue ?? "", messages: [],
                                                                    metadata: metadata))
        object["prompt"] = nil
        object["messages"] = .array(applied.messages.map(\.json) + own)
        let ownModel = object["model"]
        if ownModel == nil || ownModel == .null || ownModel == .string(""), !applied.model.isEmpty {
            object["model"] = .string(applied.model)
        }
        fill(&object, "temperature", applied.temperature.map { .double($0) })
        fill(&object, "top_p", applied.topP.map { .double($0) })
        if object["max_tokens"] == nil, object["max_completion_tokens"] == nil {
            fill(&object, "max_tokens", applied.maxTokens.map { .int(Int64($0)) })
        }
        fill(&object, "seed", applied.seed.map { .int(Int64($0)) })
        if !applied.stop.isEmpty { fill(&object, "stop", .array(applied.stop.map { .string($0) })) }
        object["metadata"] = applied.metadata.map { .object($0) }
        return .object(object)
    }

    private static func fill(_ object: inout JSONObject, _ key: String, _ value: JSONValue?) {
        guard object[key] == nil || object[key] == .null, let value else { return }
        object[key] = value
    }
}
