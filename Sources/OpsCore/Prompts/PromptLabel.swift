import Foundation

/// A label of a prompt (`production`, `staging`, any custom name) and the version it points at.
/// Clients fetch `name@production`; moving the label is a release, moving it back a rollback.
public struct PromptLabel: Sendable, Hashable {
    public var prompt: String
    public var label: String
    public var version: Int
    /// When it was last moved.
    public var updatedAt: Date

    public init(prompt: String, label: String, version: Int, updatedAt: Date) {
        self.prompt = prompt
        self.label = label
        self.version = version
        self.updatedAt = updatedAt
    }

    public var json: JSONValue {
        ["prompt": .string(prompt), "label": .string(label), "version": .int(Int64(version)),
         "updated_at": .string(updatedAt.iso8601)]
    }
}
