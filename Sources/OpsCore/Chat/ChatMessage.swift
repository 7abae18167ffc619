/// One message of a conversation, in OpenAI's shape.
public struct ChatMessage: Sendable, Hashable {
    /// `system`, `developer`, `user`, `assistant` or `tool`.
    public var role: String
    public var content: MessageContent?
    public var name: String?
    public var toolCalls: [ToolCall]?
    public var toolCallID: String?
    public var refusal: String?

    public init(role: String, content: MessageContent?, name: String? = nil, toolCalls: [ToolCall]? = nil,
                toolCallID: String? = nil, refusal: String? = nil) {
        self.role = role
        self.content = content
        self.name = name
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
        self.refusal = refusal
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: "system", content: .text(text)) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: "user", content: .text(text)) }
    public static func assistant(_ text: String) -> ChatMessage { ChatMessage(role: "assistant", content: .text(text)) }

    /// The text of the message: the string content, or its text parts joined.
    public var text: String { content?.text ?? "" }
}

/// Message content: a plain string or a list of typed parts (text, images, audio…).
public enum MessageContent: Sendable, Hashable {
    case text(String)
    /// Parts kept as JSON so parts the gateway does not interpret reach the upstream unchanged.
    case parts([JSONValue])

    public var text: String {
        switch self {
        case .text(let s): return s
        case .parts(let parts):
            return parts.compactMap { part in
                part["type"]?.stringValue == "text" ? part["text"]?.stringValue : nil
            }.joined(separator: "\n")
        }
    }
}

/// A tool call an assistant message asks for.
public struct ToolCall: Sendable, Hashable {
    public var id: String
    public var type: String
    public var name: String
    /// The arguments as the JSON text the model produced.
    public var arguments: String

    public init(id: String, type: String = "function", name: String, arguments: String) {
        self.id = id
        self.type = type
        self.name = name
        self.arguments = arguments
    }
}

/// A piece of a tool call in a streamed delta.
public struct ToolCallDelta: Sendable, Hashable {
    public var index: Int
    public var id: String?
    public var type: String?
    public var name: String?
    public var arguments: String?

    public init(index: Int, id: String? = nil, type: String? = nil, name: String? = nil, arguments: String? = nil) {
        self.index = index
        self.id = id
        self.type = type
        self.name = name
        self.arguments = arguments
    }
}
