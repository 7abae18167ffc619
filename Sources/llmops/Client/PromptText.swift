import OpsCore

/// A prompt version as `llmops prompt get` prints it: a header, the config, then the body.
enum PromptText {
    static func describe(_ version: JSONValue) -> String {
        var lines: [String] = []
        let name = version["name"]?.stringValue ?? "?"
        let number = version["version"]?.intValue ?? 0
        let labels = version["labels"]?.arrayValue?.compactMap(\.stringValue) ?? []
        lines.append("\(name)@\(number) (\(version["type"]?.stringValue ?? "?"))"
                     + (labels.isEmpty ? "" : "  labels: \(labels.joined(separator: ", "))"))
        lines.append("author: \(version["author"]?.stringValue ?? "")  created: \(version["created_at"]?.stringValue ?? "")")
        if let message = version["commit_message"]?.stringValue, !message.isEmpty { lines.append("message: \(message)") }
        if let config = version["config"], config != .object(JSONObject()) { lines.append("config: \(config.serializedString())") }
        lines.append("")
        if let text = version["text"]?.stringValue {
            lines.append(text)
        } else {
            for message in version["messages"]?.arrayValue ?? [] {
                lines.append("[\(message["role"]?.stringValue ?? "?")]")
                if let text = message["content"]?.stringValue {
                    lines.append(text)
                } else if let content = message["content"] {
                    lines.append(content.serializedString())
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
