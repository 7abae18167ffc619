import Foundation

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
