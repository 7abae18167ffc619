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

/// The audit record of one label move: who moved which label of which prompt, when, from where to where.
public struct LabelMove: Sendable, Hashable {
    public var prompt: String
    public var label: String
    /// The version it pointed at before; nil when the label was created.
    public var from: Int?
    public var to: Int
    /// Who moved it (a user or key name).
    public var actor: String
    public var at: Date

    public init(prompt: String, label: String, from: Int?, to: Int, actor: String, at: Date) {
        self.prompt = prompt
        self.label = label
        self.from = from
        self.to = to
        self.actor = actor
        self.at = at
    }

    /// Whether this move went back to an older version.
    public var isRollback: Bool { from.map { to < $0 } ?? false }

    public var json: JSONValue {
        ["prompt": .string(prompt), "label": .string(label), "from": from.map { .int(Int64($0)) } ?? .null,
         "to": .int(Int64(to)), "actor": .string(actor), "at": .string(at.iso8601)]
    }
}
