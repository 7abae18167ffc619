/// What `POST /api/prompts` and `llmops prompt push` send: a new version and the labels to point
/// at it once stored (`{"name", "type", "messages" | "text", "config", "commit_message", "labels"}`).
public struct PromptPush: Sendable, Hashable {
    public var draft: PromptDraft
    /// Labels to move to the new version, in order, each checked.
    public var labels: [String]

    public init(draft: PromptDraft, labels: [String] = []) {
        self.draft = draft
        self.labels = labels
    }

    /// Reads a push; `labels` may be one label or a list. Every error names the field.
    public init(json: JSONValue, author: String) throws(OpsError) {
        guard case .object(var object) = json else {
            throw .invalid("A prompt must be a JSON object, got \(json.typeDescription)", code: "invalid_prompt")
        }
        var labels: [String] = []
        switch object["labels"] {
        case nil, .null?: break
        case .string(let label)?: labels = [label]
        case .array(let values)?:
            for (i, value) in values.enumerated() {
                guard let label = value.stringValue else {
                    throw .invalid("labels[\(i)] must be a string, got \(value.typeDescription)", param: "labels[\(i)]")
                }
                labels.append(label)
            }
        case let other?:
            throw .invalid("labels must be a list of label names, got \(other.typeDescription)", param: "labels")
        }
        for (i, label) in labels.enumerated() { try Prompt.validateLabel(label, param: "labels[\(i)]") }
        object["labels"] = nil
        self.init(draft: try PromptDraft(json: .object(object), author: author), labels: labels)
    }
}
