import Hummingbird
import OpsCore

/// `GET /routes`: the routes in force for the key's project, circuit breakers and the project's
/// route changes, for any signed-in key.
struct ConsoleRoutesController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let routing = services.routing
        // The key's project's routes ahead of the operator's (those it does not shadow), its own
        // route changes, and the operator's circuits.
        let own = routing.table.routes(of: key.project)
        let shadowed = Set(own.map(\.name))
        let routes = own + routing.table.all.filter { !shadowed.contains($0.name) }
        let view = RoutesView(version: routing.appliedVersion.value(for: key.project), routes: routes,
                              circuits: routing.breakers.snapshot(),
                              changes: try await services.store.routeChanges(project: key.project, limit: 50))
        return renderer.page("routes", view: view, title: "Routes", key: key, section: .routes)
    }
}
