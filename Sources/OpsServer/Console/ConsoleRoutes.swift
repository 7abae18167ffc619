import Foundation
import Hummingbird

/// The web console's routes: `/login`, `/logout`, and the pages behind the session cookie.
public enum ConsoleRoutes {
    /// Registers the console on `router`. Pages are server-rendered HTML; without a valid
    /// session they redirect to `/login`; every post (sign-out included) needs the session's CSRF token.
    public static func register(on router: Router<OpsRequestContext>, services: GatewayServices) {
        let renderer: ConsoleRenderer
        do {
            renderer = try ConsoleRenderer()
        } catch {
            // The templates are compiled in and parsed by a test, so this is a programming error.
            preconditionFailure("Console templates do not parse: \(error)")
        }
        let auth = services.config.server.auth
        let sessions = ConsoleSessions(store: services.store, clock: services.clock, ttl: TimeInterval(auth.sessionTTLSeconds))
        let login = ConsoleLoginController(services: services, renderer: renderer, sessions: sessions)
        router.get("/login") { try await login.form($0, context: $1) }
        router.post("/login") { try await login.login($0, context: $1) }

        let pages = router.group()
            .add(middleware: ConsoleAuthMiddleware(sessions: sessions, renderer: renderer, secureCookies: auth.secureCookies,
                                                   maxFormBytes: services.config.server.maxBodyBytes))
            .add(middleware: ConsoleErrorPage(renderer: renderer))
            .add(middleware: StoredTracesMiddleware(recorder: services.recorder))
        pages.post("/logout") { try await login.logout($0, context: $1) }
        let dashboard = ConsoleDashboardController(services: services, renderer: renderer)
        pages.get("/") { try await dashboard.show($0, context: $1) }
        let traces = ConsoleTracesController(services: services, renderer: renderer)
        pages.get("/traces") { try await traces.list($0, context: $1) }
        pages.get("/traces/:id") { try await traces.show($0, context: $1) }
        let additions = ConsoleQueueAdditionController(services: services)
        pages.post("/traces/:id/queue") { try await additions.addTrace($0, context: $1) }
        let prompts = ConsolePromptsController(services: services, renderer: renderer)
        pages.get("/prompts") { try await prompts.list($0, context: $1) }
        pages.get("/prompts/:name") { try await prompts.show($0, context: $1) }
        pages.get("/prompts/:name/diff") { try await prompts.diff($0, context: $1) }
        let playground = ConsolePlaygroundController(services: services, renderer: renderer)
        pages.get("/prompts/:name/playground") { try await playground.form($0, context: $1) }
        pages.post("/prompts/:name/playground") { try await playground.run($0, context: $1) }
        let datasets = ConsoleDatasetsController(services: services, renderer: renderer)
        pages.get("/datasets") { try await datasets.list($0, context: $1) }
        pages.get("/datasets/:name") { try await datasets.show($0, context: $1) }
        let experiments = ConsoleExperimentsController(services: services, renderer: renderer)
        pages.get("/experiments") { try await experiments.list($0, context: $1) }
        pages.get("/experiments/compare") { try await experiments.compare($0, context: $1) }
        pages.get("/experiments/:id") { try await experiments.show($0, context: $1) }
        pages.post("/experiments/:id/queue") { try await additions.addRun($0, context: $1) }
        let setup = ConsoleReviewSetupController(services: services, renderer: renderer)
        pages.get("/review") { try await setup.list($0, context: $1) }
        pages.post("/review/score-definitions") { try await setup.createDefinition($0, context: $1) }
        pages.post("/review/queues") { try await setup.createQueue($0, context: $1) }
        let review = ConsoleReviewController(services: services, renderer: renderer)
        pages.get("/review/:id") { try await review.show($0, context: $1) }
        pages.post("/review/:id/next") { try await review.next($0, context: $1) }
        pages.post("/review/:id/items/:item/complete") { try await review.complete($0, context: $1) }
        pages.post("/review/:id/items/:item/skip") { try await review.skip($0, context: $1) }
        let routes = ConsoleRoutesController(services: services, renderer: renderer)
        pages.get("/routes") { try await routes.show($0, context: $1) }
        let audit = ConsoleAuditController(services: services, renderer: renderer)
        pages.get("/audit") { try await audit.list($0, context: $1) }
    }
}
