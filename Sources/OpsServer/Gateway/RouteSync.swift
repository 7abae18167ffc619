import Foundation
import Logging
import OpsCore
import OpsGateway
import ServiceLifecycle

/// Keeps this replica's routes equal to the newest change of each project (and of the operator's
/// routes) in the store: applies a change made here at once, and polls for changes made by other
/// replicas or `llmops routes apply`. A poll reads each project's newest version number and then
/// only the changes of projects that moved.
struct RouteSync: Service {
    let routing: GatewayRouting
    let store: any RouteChangeStore
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    /// Validates and stores `routes` as a new change of `project` ("" for the operator's routes),
    /// then switches to it.
    func apply(_ routes: [RouteConfig], actor: String, project: String = StoredRouteChange.instance) async throws
        -> (StoredRouteChange, RouteChange) {
        try RouteTable.validate(routes, knownModels: routing.knownModels)
        let stored = try await store.appendRouteChange(project: project, actor: actor, at: clock.now(),
                                                       routes: ["routes": .array(routes.map(\.json))])
        let change = try switchTo(stored, routes: routes)
        return (stored, change)
    }

    /// Applies the newest stored change of every project whose number is newer than what runs here;
    /// true when any was.
    @discardableResult
    func refresh() async throws -> Bool {
        let versions = try await store.routeVersions()
        var switched = false
        for (project, version) in versions.sorted(by: { $0.key < $1.key }) where version > routing.appliedVersion.value(for: project) {
            guard let latest = try await store.latestRouteChange(project: project),
                  latest.version > routing.appliedVersion.value(for: project) else { continue }
            _ = try switchTo(latest, routes: try Self.routes(of: latest))
            logger.info("routes of \(project.isEmpty ? "the instance" : "project \(project)") switched to version \(latest.version) (applied by \(latest.actor))")
            switched = true
        }
        return switched
    }

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do { try await refresh() } catch {
                logger.error("could not refresh routes from the store: \(error)")
            }
            // Woken by a graceful shutdown too, so SIGTERM (and a test's stop) does not wait out the interval.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    private func switchTo(_ stored: StoredRouteChange, routes: [RouteConfig]) throws -> RouteChange {
        let project = stored.project.isEmpty ? nil : stored.project
        let change = try routing.table.apply(routes, actor: stored.actor, at: stored.createdAt, knownModels: routing.knownModels,
                                             project: project)
        _ = routing.appliedVersion.advance(to: stored.version, project: stored.project)
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
