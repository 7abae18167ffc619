import Hummingbird

/// Every endpoint, one line each. Read this first.
enum Routes {
    static func register(on router: Router<OpsRequestContext>, services: GatewayServices) {
        let health = HealthController(services: services)
        router.get("/health", use: health.health)
        router.get("/ready", use: health.ready)
        router.get("/metrics", use: health.metrics)

        let authenticated = KeyAuthMiddleware(authenticator: services.authenticator)

        // OpenAI-compatible gateway.
        let v1 = router.group("v1").add(middleware: authenticated)
        v1.post("chat/completions", use: ChatController(services: services).complete)
        v1.post("embeddings", use: EmbeddingsController(services: services).embed)
        let models = ModelsController(services: services)
        v1.get("models", use: models.list)
        v1.get("models/**", use: models.get)

        // Management API.
        let api = router.group("api").add(middleware: authenticated)
        let traces = TracesController(services: services)
        api.get("traces", use: traces.list)
        api.get("traces/:id", use: traces.get)
        let keys = KeysController(services: services)
        api.get("keys", use: keys.list)
        api.post("keys", use: keys.create)
        api.delete("keys/:id", use: keys.revoke)
        api.post("keys/:id/rotate", use: keys.rotate)
        let routes = RoutesController(services: services, sync: services.routeSync)
        api.get("routes", use: routes.list)
        api.put("routes", use: routes.replace)
        api.get("routes/history", use: routes.history)
        api.post("routes/rollback", use: routes.rollback)

        // Web console (server-rendered pages, cookie session).
        ConsoleRoutes.register(on: router, services: services)
    }
}
