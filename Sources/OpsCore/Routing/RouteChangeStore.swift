import Foundation

/// One applied set of routes of one project (or of the instance), numbered: every replica polls for
/// a newer number and switches to it, and the list of changes is the audit trail of releases and
/// rollbacks.
public struct StoredRouteChange: Sendable, Hashable {
    /// The project whose routes these are; `StoredRouteChange.instance` ("") for the operator's
    /// routes, which serve every project.
    public var project: String
    /// 1, 2, … in the order the project's changes were applied.
    public var version: Int
    /// The key id or command that applied it.
    public var actor: String
    public var createdAt: Date
    /// The routes, in the JSON shape of `PUT /api/routes`.
    public var routes: JSONValue

    /// The scope of the operator's routes (from `llmops.yaml` and `llmops routes apply`).
    public static let instance = ""

    public init(project: String = StoredRouteChange.instance, version: Int, actor: String, createdAt: Date, routes: JSONValue) {
        self.project = project
        self.version = version
        self.actor = actor
        self.createdAt = createdAt
        self.routes = routes
    }
}

/// Where route changes are kept. Each project (and the instance, `""`) has its own numbered list.
public protocol RouteChangeStore: Sendable {
    /// Stores `routes` as the project's next version (its newest plus one, atomically) and returns it.
    func appendRouteChange(project: String, actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange
    /// The project's newest change, or nil when its routes were never changed (the configuration file's apply).
    func latestRouteChange(project: String) async throws -> StoredRouteChange?
    /// The project's newest `limit` changes, newest first.
    func routeChanges(project: String, limit: Int) async throws -> [StoredRouteChange]
    func routeChange(project: String, version: Int) async throws -> StoredRouteChange?
    /// The newest version of every project that has changes (`""` for the instance): what a replica
    /// polls to find the projects whose routes it must read again.
    func routeVersions() async throws -> [String: Int]
}

extension RouteChangeStore {
    /// The instance's (the operator's) changes.
    public func appendRouteChange(actor: String, at date: Date, routes: JSONValue) async throws -> StoredRouteChange {
        try await appendRouteChange(project: StoredRouteChange.instance, actor: actor, at: date, routes: routes)
    }

    public func latestRouteChange() async throws -> StoredRouteChange? {
        try await latestRouteChange(project: StoredRouteChange.instance)
    }

    public func routeChanges(limit: Int) async throws -> [StoredRouteChange] {
        try await routeChanges(project: StoredRouteChange.instance, limit: limit)
    }

    public func routeChange(version: Int) async throws -> StoredRouteChange? {
        try await routeChange(project: StoredRouteChange.instance, version: version)
    }
}
