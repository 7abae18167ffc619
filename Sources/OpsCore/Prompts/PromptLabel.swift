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

    /// A strong ETag for `GET name@label`: it changes exactly when the label moves to another version,
    /// so an application can cache the prompt and revalidate cheaply.
    public var etag: String { PromptLabel.etag(prompt: prompt, version: version) }

    /// The ETag of a version, the same whether it is fetched by label or by number.
    public static func etag(prompt: String, version: Int) -> String {
        "\"" + String(SHA256Digest.hex(Array("\(prompt)@\(version)".utf8)).prefix(32)) + "\""
    }

    public var json: JSONValue {
        ["prompt": .string(prompt), "label": .string(label), "version": .int(Int64(version)),
         "updated_at": .string(updatedAt.iso8601)]
    }
}
