import Foundation
import Logging
import OpsCore
import OpsGateway
import ServiceLifecycle

/// Keeps this replica's routes equal to the newest change in the store: applies a change made
/// here at once, and polls for changes made by other replicas or `llmops routes apply`.
struct RouteSync: Service {
    let routing: GatewayRouting
    let store: any RouteChangeStore
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    /// Parses, validates and stores `routes` as a new change, then switches to it.
    func apply(_ routes: [RouteConfig], actor: String) async throws -> (StoredRouteChange, RouteChange) {
        try RouteTable.validate(routes, knownModels: routing.knownModels)
        let stored = try await store.appendRouteChange(actor: actor, at: clock.now(),
                                                       routes: ["routes": .array(routes.map(\.json))])
        let change = try switchTo(stored, routes: routes)
        return (stored, change)
    }

    /// Applies the newest stored change if it is newer than what runs here.
    @discardableResult
    func refresh() async throws -> Bool {
        guard let latest = try await store.latestRouteChange(), latest.version > routing.appliedVersion.value else { return false }
        _ = try switchTo(latest, routes: try Self.routes(of: latest))
        logger.info("routes switched to version \(latest.version) (applied by \(latest.actor))")
        return true
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { try await refresh() } catch {
                logger.error("could not refresh routes from the store: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }

    private func switchTo(_ stored: StoredRouteChange, routes: [RouteConfig]) throws -> RouteChange {
        let change = try routing.table.apply(routes, actor: stored.actor, at: stored.createdAt, knownModels: routing.knownModels)
        _ = routing.appliedVersion.advance(to: stored.version)
        return change
    }

    /// The routes a stored change holds.
    static func routes(of change: StoredRouteChange) throws -> [RouteConfig] {
        do {
            return try RouteConfigReader.read(document: change.routes.configTree)
        } catch let error as ConfigError {
            throw OpsError(.internalError, "Stored route change \(change.version) is invalid: \(error)")
        }
    }
}
