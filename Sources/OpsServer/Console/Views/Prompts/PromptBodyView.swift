import OpsCore

/// A prompt version's body as the console shows it: its messages (or text) and its config.
struct PromptBodyView {
    var messages: [MessageView]
    var config: String?

    init(_ version: PromptVersion) {
        switch version.body {
        case .chat(let chat): messages = chat.map { MessageView(item: $0.json, defaultRole: "message") }
        case .text(let text): messages = [MessageView(item: .string(text), defaultRole: "text")]
        }
        config = version.config.isEmpty ? nil : JSONPretty.format(.object(version.config))
    }
}
