import Foundation

/// One immutable version of a prompt: its templated body, the model configuration that goes with
/// it, and who made it and why.
public struct PromptVersion: Sendable, Hashable {
    /// The prompt's name.
    public var name: String
    /// 1, 2, 3, … in order of creation.
    public var number: Int
    /// The messages or text, with `{{variable}}` placeholders.
    public var body: PromptBody
    /// Model settings: `model`, `temperature`, `max_tokens`, … as a chat request spells them.
    public var config: JSONObject
    public var createdAt: Date
    /// Who pushed it (a user or key name).
    public var author: String
    /// Why it changed, like a commit message.
    public var commitMessage: String

    public init(name: String, number: Int, body: PromptBody, config: JSONObject = JSONObject(),
                createdAt: Date, author: String, commitMessage: String = "") {
        self.name = name
        self.number = number
        self.body = body
        self.config = config
        self.createdAt = createdAt
        self.author = author
        self.commitMessage = commitMessage
    }

    public var kind: PromptKind { body.kind }

    /// Every variable the body uses, each once, in order of first use.
    public func variables() throws(OpsError) -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for (_, template) in try body.templates() {
            for name in template.variables where seen.insert(name).inserted { out.append(name) }
        }
        return out
    }

    /// Substitutes `values` into the body. Every missing variable is named in one error
    /// (`param: prompt.variables`), so a client fixes its request once.
    public func render(_ values: [String: JSONValue]) throws(OpsError) -> PromptBody {
        let missing = try variables().filter { values[$0] == nil }
        if !missing.isEmpty { throw PromptTemplate.missingError(missing) }
        switch body {
        case .text(let text):
            return .text(try PromptTemplate(text).renderAvailable(values))
        case .chat(let messages):
            var rendered: [ChatMessage] = []
            for (i, message) in messages.enumerated() {
                var copy = message
                switch message.content {
                case .text(let text)?:
                    copy.content = .text(try PromptTemplate(text, param: "messages[\(i)].content").renderAvailable(values))
                case .parts(let parts)?:
                    var newParts: [JSONValue] = []
                    for part in parts {
                        guard case .object(var object) = part, let text = object["text"]?.stringValue else {
                            newParts.append(part)
                            continue
                        }
                        object["text"] = .string(try PromptTemplate(text).renderAvailable(values))
                        newParts.append(.object(object))
                    }
                    copy.content = .parts(newParts)
                case nil:
                    break
                }
                rendered.append(copy)
            }
            return .chat(rendered)
        }
    }

    /// The version as the API returns it.
    public var json: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        o["version"] = .int(Int64(number))
        o["type"] = .string(kind.rawValue)
        switch body {
        case .chat(let messages): o["messages"] = .array(messages.map(\.json))
        case .text(let text): o["text"] = .string(text)
        }
        o["config"] = .object(config)
        o["created_at"] = .string(createdAt.iso8601)
        o["author"] = .string(author)
        o["commit_message"] = .string(commitMessage)
        return .object(o)
    }
}
