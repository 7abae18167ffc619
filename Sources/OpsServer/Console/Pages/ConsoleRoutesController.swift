import Hummingbird
import OpsCore

/// `GET /routes`: the routes in force, circuit breakers and route changes, for any signed-in key.
struct ConsoleRoutesController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let routing = services.routing
        let view = RoutesView(version: routing.appliedVersion.value, routes: routing.table.all, circuits: routing.breakers.snapshot(),
                              changes: try await services.store.routeChanges(limit: 50))
        return renderer.page("routes", view: view, title: "Routes", key: key, section: .routes)
    }
}
