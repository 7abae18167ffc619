import Hummingbird

/// The web console's routes: `/login`, `/logout`, and the pages behind the session cookie.
public enum ConsoleRoutes {
    /// Registers the console on `router`. Pages are server-rendered HTML; without a valid
    /// session they redirect to `/login`.
    public static func register(on router: Router<OpsRequestContext>, services: GatewayServices) {
        let renderer: ConsoleRenderer
        do {
            renderer = try ConsoleRenderer()
        } catch {
            // The templates are compiled in and parsed by a test, so this is a programming error.
            preconditionFailure("Console templates do not parse: \(error)")
        }
        let login = ConsoleLoginController(services: services, renderer: renderer)
        router.get("/login") { try await login.form($0, context: $1) }
        router.post("/login") { try await login.login($0, context: $1) }
        router.post("/logout") { try await login.logout($0, context: $1) }

        let pages = router.group().add(middleware: ConsoleAuthMiddleware(authenticator: services.authenticator))
        let dashboard = ConsoleDashboardController(services: services, renderer: renderer)
        pages.get("/") { try await dashboard.show($0, context: $1) }
        let traces = ConsoleTracesController(services: services, renderer: renderer)
        pages.get("/traces") { try await traces.list($0, context: $1) }
        pages.get("/traces/:id") { try await traces.show($0, context: $1) }
        let routes = ConsoleRoutesController(services: services, renderer: renderer)
        pages.get("/routes") { try await routes.show($0, context: $1) }
    }
}
