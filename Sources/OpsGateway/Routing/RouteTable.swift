import Foundation
import OpsCore

/// The live routes: the operator's (instance-wide) routes and each project's own. A project's
/// keys see their project's routes first, then the operator's; no project's routes are seen by
/// another project's keys. Lookups are lock-protected dictionary reads on the request path;
/// `apply` swaps one scope's table at once, so a request sees either the old routes or the new ones.
public final class RouteTable: @unchecked Sendable {
    private struct Scope {
        var byName: [String: RouteConfig] = [:]
        var ordered: [RouteConfig] = []
    }

    private let lock = NSLock()
    private var instance = Scope()
    private var projects: [String: Scope] = [:]
    private var changes: [RouteChange] = []
    private var version = 0
    private let historyLimit: Int

    /// - Parameter routes: the routes of the configuration; those with a `project` are that project's.
    /// - Parameter historyLimit: how many past changes `history` keeps.
    public init(_ routes: [RouteConfig] = [], historyLimit: Int = 100) {
        self.historyLimit = max(1, historyLimit)
        instance = Self.index(routes.filter { $0.project == nil })
        for project in Set(routes.compactMap(\.project)) {
            projects[project] = Self.index(routes.filter { $0.project == project })
        }
    }

    /// The operator's route clients call `name`, if any.
    public func route(named name: String) -> RouteConfig? {
        lock.withLock { instance.byName[name] }
    }

    /// The route a key of `project` reaches by calling `name`: the project's own, else the operator's.
    public func route(named name: String, project: String) -> RouteConfig? {
        lock.withLock {
            if !projects.isEmpty, let own = projects[project]?.byName[name] { return own }
            return instance.byName[name]
        }
    }

    /// Whether any scope has a route called `name` (what `/metrics` may name).
    public func hasRoute(named name: String) -> Bool {
        lock.withLock { instance.byName[name] != nil || projects.values.contains { $0.byName[name] != nil } }
    }

    /// The operator's routes, in configuration order.
    public var all: [RouteConfig] { lock.withLock { instance.ordered } }

    /// The routes of `project` (nil: the operator's), in the order they were applied.
    public func routes(of project: String?) -> [RouteConfig] {
        lock.withLock { project.map { projects[$0]?.ordered ?? [] } ?? instance.ordered }
    }

    /// The change records, oldest first.
    public var history: [RouteChange] { lock.withLock { changes } }

    /// Replaces every route of `project` (nil: the operator's) at once and records who did it.
    /// Rejects a table with duplicate names, a route without deployments, negative weights or (when
    /// `knownModels` is given) a model the catalog does not have, leaving the live table untouched.
    @discardableResult
    public func apply(_ newRoutes: [RouteConfig], actor: String, at date: Date,
                      knownModels: Set<String>? = nil, project: String? = nil) throws(OpsError) -> RouteChange {
        try Self.validate(newRoutes, knownModels: knownModels)
        let scope = Self.index(newRoutes.map { route in
            var route = route
            route.project = project
            return route
        })
        return lock.withLock {
            version += 1
            let before = project.map { projects[$0]?.ordered ?? [] } ?? instance.ordered
            let change = RouteChange(version: version, actor: actor, at: date, from: before, to: scope.ordered, project: project)
            if let project {
                projects[project] = scope.ordered.isEmpty ? nil : scope
            } else {
                instance = scope
            }
            changes.append(change)
            if changes.count > historyLimit { changes.removeFirst(changes.count - historyLimit) }
            return change
        }
    }

    /// Rolls back the routes change `version` replaced to what they were before it.
    @discardableResult
    public func revert(to version: Int, actor: String, at date: Date) throws(OpsError) -> RouteChange {
        guard let change = history.first(where: { $0.version == version }) else {
            throw OpsError(.notFound, "No route change with version \(version) is kept", code: "route_change_not_found")
        }
        return try apply(change.from, actor: actor, at: date, project: change.project)
    }

    private static func index(_ list: [RouteConfig]) -> Scope {
        Scope(byName: Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last }), ordered: list)
    }

    public static func validate(_ list: [RouteConfig], knownModels: Set<String>?) throws(OpsError) {
        var names = Set<String>()
        for route in list {
            guard names.insert(route.name).inserted else {
                throw OpsError.invalid("The route '\(route.name)' is defined twice", param: "routes")
            }
            guard !route.deployments.isEmpty || !route.fallbacks.isEmpty else {
                throw OpsError.invalid("The route '\(route.name)' has no deployments", param: "routes")
            }
            for deployment in route.deployments where !(deployment.weight >= 0 && deployment.weight.isFinite) {
                throw OpsError.invalid("The route '\(route.name)' gives '\(deployment.model)' an invalid weight",
                                       param: "routes")
            }
            if let knownModels, let unknown = route.allModels.first(where: { !knownModels.contains($0) }) {
                throw OpsError.invalid("The route '\(route.name)' names '\(unknown)', which is not a configured model",
                                       param: "routes", code: "model_not_found")
            }
        }
    }
}
