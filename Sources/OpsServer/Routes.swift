import Hummingbird

/// Every endpoint, one line each. Read this first.
enum Routes {
    /// Registers every endpoint on `router`, each through the catalog with who may call it and
    /// its OpenAPI description, and answers the catalog.
    @discardableResult
    static func register(on router: Router<OpsRequestContext>, services: GatewayServices) -> RouteCatalog {
        let catalog = RouteCatalog()
        let open = catalog.group("", on: router)
        let health = HealthController(services: services)
        open.get("health", .open, HealthDocs.health, use: health.health)
        open.get("ready", .open, HealthDocs.ready, use: health.ready)
        open.get("metrics", .open, HealthDocs.metrics, use: health.metrics)

        let authenticated = KeyAuthMiddleware(authenticator: services.authenticator)

        // OpenAI-compatible gateway.
        let v1 = catalog.group("/v1", on: router, middleware: [authenticated])
        v1.post("chat/completions", .gateway(.developer), GatewayDocs.chat, use: ChatController(services: services).complete)
        v1.post("embeddings", .gateway(.developer), GatewayDocs.embeddings, use: EmbeddingsController(services: services).embed)
        let models = ModelsController(services: services)
        v1.get("models", .key(.viewer), GatewayDocs.models, use: models.list)
        v1.get("models/**", .key(.viewer), GatewayDocs.modelByName, use: models.get)

        // Management API.
        let api = catalog.group("/api", on: router, middleware: [authenticated, StoredTracesMiddleware(recorder: services.recorder)])
        let traces = TracesController(services: services)
        api.get("traces", .key(.viewer), TraceDocs.list, use: traces.list)
        api.get("traces/:id", .key(.viewer), TraceDocs.get, use: traces.get)
        let keys = KeysController(services: services)
        api.get("keys", .key(.admin), KeyDocs.list, use: keys.list)
        api.post("keys", .key(.admin), KeyDocs.create, use: keys.create)
        api.delete("keys/:id", .key(.admin), KeyDocs.revoke, use: keys.revoke)
        api.post("keys/:id/rotate", .key(.admin), KeyDocs.rotate, use: keys.rotate)
        let routes = RoutesController(services: services, sync: services.routeSync)
        api.get("routes", .key(.viewer), RoutingDocs.list, use: routes.list)
        api.put("routes", .key(.admin), RoutingDocs.replace, use: routes.replace)
        api.get("routes/history", .key(.viewer), RoutingDocs.history, use: routes.history)
        api.post("routes/rollback", .key(.admin), RoutingDocs.rollback, use: routes.rollback)
        api.get("audit", .key(.admin), AuditDocs.list, use: AuditController(services: services).list)
        let prompts = PromptsController(services: services)
        api.get("prompts", .key(.viewer), PromptDocs.list, use: prompts.list)
        api.post("prompts", .key(.developer), PromptDocs.push, use: prompts.push)
        api.get("prompts/:name", .key(.viewer), PromptDocs.get, use: prompts.get)
        api.get("prompts/:name/versions", .key(.viewer), PromptDocs.versions, use: prompts.versions)
        api.get("prompts/:name/diff", .key(.viewer), PromptDocs.diff, use: prompts.diff)
        let labels = PromptLabelsController(services: services)
        api.get("prompts/:name/labels", .key(.viewer), PromptDocs.labels, use: labels.list)
        api.get("prompts/:name/labels/history", .key(.viewer), PromptDocs.labelHistory, use: labels.history)
        api.put("prompts/:name/labels/:label", .key(.developer), PromptDocs.moveLabel, use: labels.move)
        let datasets = DatasetsController(services: services)
        api.get("datasets", .key(.viewer), DatasetDocs.list, use: datasets.list)
        api.post("datasets/:name", .key(.developer), DatasetDocs.importFile, use: datasets.importFile)
        api.get("datasets/:name", .key(.viewer), DatasetDocs.get, use: datasets.get)
        api.get("datasets/:name/versions", .key(.viewer), DatasetDocs.versions, use: datasets.versions)
        api.get("datasets/:name/export", .key(.viewer), DatasetDocs.export, use: datasets.export)
        api.post("datasets/:name/traces", .key(.developer), DatasetDocs.addTraces, use: datasets.addTraces)
        let experiments = ExperimentsController(services: services)
        api.get("experiments", .key(.viewer), ExperimentDocs.list, use: experiments.list)
        api.post("experiments", .key(.developer), ExperimentDocs.create, use: experiments.create)
        api.get("experiments/:id", .key(.viewer), ExperimentDocs.get, use: experiments.get)
        api.post("experiments/:id/items", .key(.developer), ExperimentDocs.saveItems, use: experiments.saveItems)
        api.post("experiments/:id/finish", .key(.developer), ExperimentDocs.finish, use: experiments.finish)
        api.get("experiments/compare", .key(.viewer), ExperimentDocs.compare, use: ExperimentComparisonController(services: services).compare)
        let scores = ScoresController(services: services)
        api.get("scores", .key(.viewer), ScoreDocs.list, use: scores.list)
        api.post("scores", .key(.developer), ScoreDocs.create, use: scores.create)
        let definitions = ScoreDefinitionsController(services: services)
        api.get("score-definitions", .key(.viewer), ScoreDocs.definitions, use: definitions.list)
        api.post("score-definitions", .key(.developer), ScoreDocs.createDefinition, use: definitions.create)
        let queues = QueuesController(services: services)
        api.get("queues", .key(.viewer), QueueDocs.list, use: queues.list)
        api.post("queues", .key(.developer), QueueDocs.create, use: queues.create)
        api.get("queues/:id", .key(.viewer), QueueDocs.get, use: queues.get)
        api.post("queues/:id/items", .key(.developer), QueueDocs.addItems, use: queues.addItems)
        api.post("queues/:id/next", .key(.developer), QueueDocs.next, use: queues.next)
        api.get("queues/:id/items/:item", .key(.viewer), QueueDocs.itemByPosition, use: queues.item)
        api.post("queues/:id/items/:item/complete", .key(.developer), QueueDocs.complete, use: queues.complete)
        api.post("queues/:id/items/:item/skip", .key(.developer), QueueDocs.skip, use: queues.skip)
        let users = UsersController(services: services)
        api.get("users/:user/export", .key(.admin), UserDocs.export, use: users.export)
        api.delete("users/:user", .key(.admin), UserDocs.erase, use: users.erase)

        // This document, built from everything above (no key needed: it holds no project data).
        open.serveOpenAPIDocument(at: "api/openapi.json")

        // Web console (server-rendered pages, cookie session; not part of the API document).
        ConsoleRoutes.register(on: router, services: services)
        return catalog
    }
}
