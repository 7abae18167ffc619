import Foundation
import Logging
import OpsCore
import OpsGateway

/// The live routing state shared by every request: the route table (swapped whole by
/// `PUT /api/routes`), one circuit breaker per deployment, the caches and the router over them.
struct GatewayRouting: Sendable {
    let table: RouteTable
    let breakers: CircuitBreakers
    let router: ChatRouter
    /// Every model name a route may use.
    let knownModels: Set<String>
    /// Where each project's newest applied change came from: 0 means the routes of `llmops.yaml`.
    let appliedVersion: AppliedRouteVersion

    /// The routes of the configuration, checked against the catalog.
    static func validated(routes: [RouteConfig], catalog: ModelCatalog, embedder: (any Embedder)?, logger: Logger) throws
        -> GatewayRouting {
        do {
            // Names are unique within each project's routes and within the operator's.
            let known = Set(catalog.entries.map(\.deployment.name))
            for project in Set(routes.map(\.project)) {
                try RouteTable.validate(routes.filter { $0.project == project }, knownModels: known)
            }
        } catch {
            throw ConfigError("routes", error.message)
        }
        return GatewayRouting(routes: routes, catalog: catalog, embedder: embedder, logger: logger)
    }

    init(routes: [RouteConfig] = [], catalog: ModelCatalog, embedder: (any Embedder)? = nil, logger: Logger = Logger(label: "llmops"),
         clock: any MonotonicClock = SystemMonotonicClock(), wallClock: any WallClock = SystemClock()) {
        knownModels = Set(catalog.entries.map(\.deployment.name))
        table = RouteTable(routes)
        breakers = CircuitBreakers(clock: clock)
        let models: @Sendable (String) -> (any ChatModel)? = { name in try? catalog.chatModel(named: name).1 }
        let executor = FallbackExecutor(models: models, breakers: breakers, clock: clock, wallClock: wallClock)
        let semantic = embedder.map { SemanticCache<CachedAnswer>(embedder: $0) }
        if semantic == nil, routes.contains(where: { $0.cache.semanticThreshold != nil }) {
            logger.warning("routes ask for a semantic cache but no embedder is loaded (run `make models`); semantic caching is off")
        }
        router = ChatRouter(routes: table, executor: executor, exactCache: ExactCache(clock: clock), semanticCache: semantic,
                            retryAfterHeader: { ($0 as? OpsError)?.retryAfter })
        appliedVersion = AppliedRouteVersion()
    }
}

/// The number of the route change this replica runs for each project ("" for the operator's
/// routes), read and bumped from several tasks.
final class AppliedRouteVersion: @unchecked Sendable {
    private let lock = NSLock()
    private var current: [String: Int] = [:]

    /// The operator's routes' version.
    var value: Int { value(for: StoredRouteChange.instance) }

    func value(for project: String) -> Int { lock.withLock { current[project] ?? 0 } }

    /// Moves `project` to `version` when it is newer; false when it is not.
    func advance(to version: Int, project: String = StoredRouteChange.instance) -> Bool {
        lock.withLock {
            guard version > current[project] ?? 0 else { return false }
            current[project] = version
            return true
        }
    }
}
