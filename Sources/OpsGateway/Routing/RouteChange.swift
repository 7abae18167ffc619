import Foundation

/// One replacement of the route table: who made it, when, and the routes before and after.
public struct RouteChange: Sendable, Hashable {
    /// Increases by one with every change, starting at 1.
    public var version: Int
    /// The key, user or command that applied the change.
    public var actor: String
    public var at: Date
    public var from: [RouteConfig]
    public var to: [RouteConfig]
    /// The project whose routes changed; nil for the operator's.
    public var project: String?

    public init(version: Int, actor: String, at: Date, from: [RouteConfig], to: [RouteConfig], project: String? = nil) {
        self.project = project
        self.version = version
        self.actor = actor
        self.at = at
        self.from = from
        self.to = to
    }

    /// Routes that appear only after the change.
    public var added: [String] {
        let before = Set(from.map(\.name))
        return to.map(\.name).filter { !before.contains($0) }
    }

    /// Routes that disappear with the change.
    public var removed: [String] {
        let after = Set(to.map(\.name))
        return from.map(\.name).filter { !after.contains($0) }
    }

    /// Routes present on both sides whose configuration differs.
    public var modified: [String] {
        let before = Dictionary(from.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        return to.filter { route in before[route.name].map { $0 != route } ?? false }.map(\.name)
    }
}
