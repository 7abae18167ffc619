import Foundation

extension StoredColumns {
    /// The `body` column of a prompt version: the messages array of a chat prompt, or the text as a
    /// JSON string.
    public static func promptBodyJSON(_ body: PromptBody) -> JSONValue {
        switch body {
        case .chat(let messages): return .array(messages.map(\.json))
        case .text(let text): return .string(text)
        }
    }

    /// A prompt version read back from its columns; `kind`, `body` and `config` are checked.
    public static func promptVersion(name: String, number: Int, kind: String, body: String, config: String,
                                     author: String, commitMessage: String, createdAtMicros: Int64) throws(Corrupt) -> PromptVersion {
        let owner = "\(name)@\(number)"
        let json = try self.json(body, column: "prompt_versions.body", of: owner)
        let parsed: PromptBody
        switch (kind, json) {
        case ("text", .string(let text)):
            parsed = .text(text)
        case ("chat", .array(let messages)):
            var out: [ChatMessage] = []
            for (i, message) in messages.enumerated() {
                do {
                    out.append(try ChatMessage(json: message, path: "messages[\(i)]"))
                } catch {
                    throw Corrupt(description: "prompt_versions.body of \(owner): \(error.message)")
                }
            }
            parsed = .chat(out)
        default:
            throw Corrupt(description: "prompt_versions.body of \(owner) does not hold a \(kind) prompt")
        }
        return PromptVersion(name: name, number: number, body: parsed,
                             config: try object(config, column: "prompt_versions.config", of: owner),
                             createdAt: Date(epochMicros: createdAtMicros), author: author, commitMessage: commitMessage)
    }
}
