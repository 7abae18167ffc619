import Foundation
import OpsCore

/// The live routes. Lookups are lock-protected dictionary reads on the request path; `apply`
/// swaps the whole table at once, so a request sees either the old routes or the new ones.
public final class RouteTable: @unchecked Sendable {
    private let lock = NSLock()
    private var routes: [String: RouteConfig] = [:]
    private var ordered: [RouteConfig] = []
    private var changes: [RouteChange] = []
    private var version = 0
    private let historyLimit: Int

    /// - Parameter historyLimit: how many past changes `history` keeps.
    public init(_ routes: [RouteConfig] = [], historyLimit: Int = 100) {
        self.historyLimit = max(1, historyLimit)
        (self.routes, self.ordered) = Self.index(routes)
    }

    /// The route clients call `name`, if any.
    public func route(named name: String) -> RouteConfig? {
        lock.withLock { routes[name] }
    }

    /// Every route, in configuration order.
    public var all: [RouteConfig] { lock.withLock { ordered } }

    /// The change records, oldest first.
    public var history: [RouteChange] { lock.withLock { changes } }

    /// Replaces every route at once and records who did it. Rejects a table with duplicate names,
    /// a route without deployments, negative weights or (when `knownModels` is given) a model the
    /// catalog does not have, leaving the live table untouched.
    @discardableResult
    public func apply(_ newRoutes: [RouteConfig], actor: String, at date: Date,
                      knownModels: Set<String>? = nil) throws(OpsError) -> RouteChange {
        try Self.validate(newRoutes, knownModels: knownModels)
        let (byName, list) = Self.index(newRoutes)
        return lock.withLock {
            version += 1
            let change = RouteChange(version: version, actor: actor, at: date, from: ordered, to: list)
            routes = byName
            ordered = list
            changes.append(change)
            if changes.count > historyLimit { changes.removeFirst(changes.count - historyLimit) }
            return change
        }
    }

    /// Rolls back to the routes in force before change `version`.
    @discardableResult
    public func revert(to version: Int, actor: String, at date: Date) throws(OpsError) -> RouteChange {
        guard let change = history.first(where: { $0.version == version }) else {
            throw OpsError(.notFound, "No route change with version \(version) is kept", code: "route_change_not_found")
        }
        return try apply(change.from, actor: actor, at: date)
    }

    private static func index(_ list: [RouteConfig]) -> ([String: RouteConfig], [RouteConfig]) {
        (Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last }), list)
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
