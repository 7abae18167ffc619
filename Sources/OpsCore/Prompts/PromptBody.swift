/// The templated content of a prompt version.
public enum PromptBody: Sendable, Hashable {
    /// Messages whose text content may hold `{{variable}}` placeholders.
    case chat([ChatMessage])
    /// One text with placeholders.
    case text(String)

    public var kind: PromptKind {
        switch self {
        case .chat: return .chat
        case .text: return .text
        }
    }

    /// The templates in the body, in order, each with the field it came from (for errors).
    func templates() throws(OpsError) -> [(path: String, template: PromptTemplate)] {
        switch self {
        case .text(let text):
            return [("text", try PromptTemplate(text, param: "text"))]
        case .chat(let messages):
            var out: [(String, PromptTemplate)] = []
            for (i, message) in messages.enumerated() {
                switch message.content {
                case .text(let text)?:
                    out.append(("messages[\(i)].content", try PromptTemplate(text, param: "messages[\(i)].content")))
                case .parts(let parts)?:
                    for (j, part) in parts.enumerated() {
                        guard let text = part["text"]?.stringValue else { continue }
                        let path = "messages[\(i)].content[\(j)].text"
                        out.append((path, try PromptTemplate(text, param: path)))
                    }
                case nil:
                    continue
                }
            }
            return out
        }
    }
}

/// What a prompt version produces: a list of chat messages or one text (for `/v1/completions`).
public enum PromptKind: String, Sendable, Hashable, CaseIterable {
    case chat
    case text

    /// Reads a kind from a request or file, naming the field when it is neither.
    public init(parsing value: String, param: String = "type") throws(OpsError) {
        guard let kind = PromptKind(rawValue: value) else {
            throw .invalid("\(param) must be 'chat' or 'text', got '\(value)'", param: param)
        }
        self = kind
    }
}
