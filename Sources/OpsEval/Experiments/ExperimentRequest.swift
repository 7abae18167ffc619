import OpsCore

/// The chat request an experiment sends for one dataset item, so every target closure builds it
/// the same way. The caller sends it (gateway, route, upstream) and times the call.
public enum ExperimentRequest {
    /// For a prompt target: the version rendered with the item's variables, the item's messages (if
    /// any) after it, and the version's config; `model` overrides the config's model.
    /// For a model target: the item's messages as they are.
    /// Fails like the gateway would: missing variables are named, an item without messages for a
    /// model target is an `invalidRequest`.
    public static func chat(for item: DatasetItem, target: ExperimentPlan.Target,
                            prompt: PromptVersion? = nil) throws(OpsError) -> ChatRequest {
        switch target {
        case .prompt(let name, let number, let model):
            guard let prompt, prompt.name == name, prompt.number == number else {
                throw .invalid("the experiment targets \(name)@\(number); resolve that version and pass it", param: "prompt")
            }
            let base = ChatRequest(model: model ?? "", messages: try item.messages() ?? [])
            let request = try PromptInvocation(reference: PromptReference(name: name, selector: .version(number)),
                                               variables: item.variables).apply(prompt, to: base)
            guard !request.model.isEmpty else {
                throw .invalid("prompt \(name)@\(number) has no model in its config; choose one for the experiment",
                               param: "model")
            }
            return request
        case .model(let model):
            guard let messages = try item.messages(), !messages.isEmpty else {
                throw .invalid("a model target needs items whose input has messages", param: "input.messages")
            }
            return ChatRequest(model: model, messages: messages)
        }
    }
}
