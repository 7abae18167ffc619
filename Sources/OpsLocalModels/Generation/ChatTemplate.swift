/// Renders a conversation into the prompt text the model was trained on.
///
/// GGUF files carry the template as Jinja source (`tokenizer.chat_template`). Rather than
/// embed a Jinja interpreter, this recognises the ChatML family from that source and reads
/// its parameters from it — notably the default system message some templates insert when
/// the conversation does not start with one, as SmolLM2's does.
public struct ChatTemplate: Sendable, Equatable {
    /// System message inserted when the first message is not a system one (nil: none).
    public var defaultSystemMessage: String?

    public init(defaultSystemMessage: String? = nil) {
        self.defaultSystemMessage = defaultSystemMessage
    }

    /// Reads the template from GGUF metadata; a non-ChatML template is reported by name.
    public init(gguf: GGUFFile) throws {
        guard let source = gguf.metadata["tokenizer.chat_template"]?.string else {
            throw LocalModelError.missingEntry(file: gguf.path, name: "metadata tokenizer.chat_template")
        }
        try self.init(jinjaSource: source)
    }

    public init(jinjaSource source: String) throws {
        guard source.contains("<|im_start|>"), source.contains("<|im_end|>") else {
            throw LocalModelError.unsupportedArchitecture("chat template (only ChatML templates are supported)")
        }
        let marker = "<|im_start|>system\n"
        if source.contains("!= 'system'") || source.contains("!= \"system\""),
           let start = source.range(of: marker),
           let end = source.range(of: "<|im_end|>", range: start.upperBound..<source.endIndex) {
            let message = String(source[start.upperBound..<end.lowerBound])
            // A system message built from the conversation itself is a Jinja expression, not a default.
            defaultSystemMessage = message.contains("{{") || message.contains("'") ? nil : message
        } else {
            defaultSystemMessage = nil
        }
    }

    /// The prompt for `messages` (role, text), ending with the assistant's turn opener.
    public func render(_ messages: [(role: String, content: String)], addGenerationPrompt: Bool = true) -> String {
        var out = ""
        if let system = defaultSystemMessage, messages.first?.role != "system" {
            out += "<|im_start|>system\n\(system)<|im_end|>\n"
        }
        for message in messages {
            out += "<|im_start|>\(message.role)\n\(message.content)<|im_end|>\n"
        }
        if addGenerationPrompt { out += "<|im_start|>assistant\n" }
        return out
    }
}
