/// What a client pushes to make a new version; the store assigns the number and the time.
public struct PromptDraft: Sendable, Hashable {
    public var name: String
    public var body: PromptBody
    public var config: JSONObject
    public var author: String
    public var commitMessage: String

    /// Checks the name and parses every template, so a version that cannot render is never stored.
    public init(name: String, body: PromptBody, config: JSONObject = JSONObject(), author: String,
                commitMessage: String = "") throws(OpsError) {
        try Prompt.validateName(name)
        _ = try body.templates()
        if case .chat(let messages) = body, messages.isEmpty {
            throw .invalid("A chat prompt needs at least one message", param: "messages")
        }
        self.name = name
        self.body = body
        self.config = config
        self.author = author
        self.commitMessage = commitMessage
    }

    /// Reads a pushed prompt (a YAML file turned into JSON, or an API body):
    /// `{"name", "type": "chat"|"text", "messages" | "text", "config", "commit_message"}` (`prompt` is
    /// accepted as an older spelling of `text`).
    /// `type` defaults to `chat` when `messages` is present and to `text` otherwise.
    public init(json: JSONValue, author: String) throws(OpsError) {
        let fields = try JSONFields(json)
        let known: Set<String> = ["name", "type", "messages", "text", "prompt", "config", "commit_message"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("Unknown field '\(unknown)'; a prompt has \(known.sorted().joined(separator: ", "))",
                           param: unknown)
        }
        let name = try fields.requiredString("name")
        var kind: PromptKind = fields.has("messages") ? .chat : .text
        if let type = try fields.string("type") { kind = try PromptKind(parsing: type) }
        let body: PromptBody
        switch kind {
        case .chat:
            guard let messages = try fields.array("messages") else {
                throw .invalid("messages is required for a chat prompt", param: "messages")
            }
            var parsed: [ChatMessage] = []
            for (i, message) in messages.enumerated() {
                parsed.append(try ChatMessage(json: message, path: "messages[\(i)]"))
            }
            body = .chat(parsed)
        case .text:
            if fields.has("text"), fields.has("prompt") {
                throw .invalid("Give a text prompt as text, not both text and prompt", param: "prompt")
            }
            body = .text(try fields.has("prompt") ? fields.requiredString("prompt") : fields.requiredString("text"))
        }
        try self.init(name: name, body: body, config: try fields.objectValue("config") ?? JSONObject(),
                      author: author, commitMessage: try fields.string("commit_message") ?? "")
    }
}
