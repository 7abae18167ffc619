import Foundation

/// One applied set of routes, numbered: every replica polls for a newer number and switches to it,
/// and the list of changes is the audit trail of releases and rollbacks.
public struct StoredRouteChange: Sendable, Hashable {
    /// 1, 2, … in the order changes were applied.
    public var version: Int
    /// The key id or command that applied it.
    public var actor: String
    public var createdAt: Date
    /// The routes, in the JSON shape of `PUT /api/routes`.
    public var routes: JSONValue

    public init(version: Int, actor: String, createdAt: Date, routes: JSONValue) {
        self.version = version
        self.actor = actor
        self.createdAt = createdAt
        self.routes = routes
    }
}

/// Where route changes are kept.
public protocol RouteChangeStore: Sendable {
    /// Stores `routes` as the next version (the newest plus one, atomically) and returns it.
    func appendRouteChange(actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange
    /// The newest change, or nil when routes were never changed (the configuration file's apply).
    func latestRouteChange() async throws -> StoredRouteChange?
    /// The newest `limit` changes, newest first.
    func routeChanges(limit: Int) async throws -> [StoredRouteChange]
    func routeChange(version: Int) async throws -> StoredRouteChange?
}
