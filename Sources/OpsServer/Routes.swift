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
        let prompts = PromptsController(services: services)
        api.get("prompts", use: prompts.list)
        api.post("prompts", use: prompts.push)
        api.get("prompts/:name", use: prompts.get)
        api.get("prompts/:name/versions", use: prompts.versions)
        api.get("prompts/:name/diff", use: prompts.diff)
        let labels = PromptLabelsController(services: services)
        api.get("prompts/:name/labels", use: labels.list)
        api.get("prompts/:name/labels/history", use: labels.history)
        api.put("prompts/:name/labels/:label", use: labels.move)
        let datasets = DatasetsController(services: services)
        api.get("datasets", use: datasets.list)
        api.post("datasets/:name", use: datasets.importFile)
        api.get("datasets/:name", use: datasets.get)
        api.get("datasets/:name/versions", use: datasets.versions)
        api.get("datasets/:name/export", use: datasets.export)
        api.post("datasets/:name/traces", use: datasets.addTraces)
        let experiments = ExperimentsController(services: services)
        api.get("experiments", use: experiments.list)
        api.post("experiments", use: experiments.create)
        api.get("experiments/:id", use: experiments.get)
        api.post("experiments/:id/items", use: experiments.saveItems)
        api.post("experiments/:id/finish", use: experiments.finish)
        api.get("experiments/compare", use: ExperimentComparisonController(services: services).compare)

        // Web console (server-rendered pages, cookie session).
        ConsoleRoutes.register(on: router, services: services)
    }
}
