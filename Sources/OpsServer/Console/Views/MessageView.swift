import OpsCore

/// One chat message, or any other input/output item, as the trace page shows it: a role, the
/// text, and whatever else it carried (tool calls, non-text parts) as indented JSON.
struct MessageView {
    var role: String
    var text: String?
    var extra: String?

    /// The messages of a chat input, the strings of an embeddings input, or the whole value as one item.
    static func list(from input: JSONValue) -> [MessageView] {
        switch input {
        case .null: return []
        case .array(let items) where items.allSatisfy({ $0["role"] != nil || $0.stringValue != nil }):
            return items.map { MessageView(item: $0, defaultRole: "input") }
        default: return [MessageView(item: input, defaultRole: "input")]
        }
    }

    init(item: JSONValue, defaultRole: String) {
        guard case .object(var object) = item, let role = object["role"]?.stringValue else {
            role = defaultRole
            text = item.stringValue
            extra = item.stringValue == nil ? JSONPretty.format(item) : nil
            return
        }
        self.role = role
        let content = object["content"] ?? .null
        object["role"] = nil
        object["content"] = nil
        var parts: [JSONValue] = []
        switch content {
        case .string(let s): text = s
        case .array(let items):
            // Multi-part content: text parts are shown as text, the rest (images, audio) as JSON.
            let texts = items.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }
            text = texts.isEmpty ? nil : texts.joined(separator: "\n")
            parts = items.filter { $0["type"]?.stringValue != "text" }
        default: text = nil
        }
        if !parts.isEmpty { object["content_parts"] = .array(parts) }
        extra = object.isEmpty ? nil : JSONPretty.format(.object(object))
    }
}
