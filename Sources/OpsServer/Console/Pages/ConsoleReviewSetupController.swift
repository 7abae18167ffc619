import Hummingbird
import OpsCore

/// `GET /review` (queues, score definitions and, for developer keys, the forms that create them),
/// `POST /review/score-definitions` and `POST /review/queues`. A form is read into the API's JSON
/// body and goes through the same domain code as `POST /api/score-definitions` and
/// `POST /api/queues`; a refused form comes back as typed, with the field at fault marked and the
/// status the API would give (400 for a bad value, 404 for a trace or run the project lacks, 409 for
/// a name taken), and nothing is created.
struct ConsoleReviewSetupController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let notice = request.uri.queryParameters.get("defined").map { "Score definition '\($0)' created." }
        return try await page(key: key, notice: notice)
    }

    func createDefinition(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let form = try await ConsoleForm.read(request, limit: 64 << 10)
        do {
            let definition = try ScoreDefinition(json: ScoreDefinitionFormView.json(form), project: key.project, author: key.id,
                                                 createdAt: services.clock.now())
            try await services.store.createScoreDefinition(definition)
            return ConsoleReviewController.redirect("/review?defined=" + ConsoleFormat.queryValue(definition.name))
        } catch let error as OpsError where Self.isFormError(error) {
            return try await page(key: key, definitionForm: ScoreDefinitionFormView(form: form, error: error),
                                  status: HTTPErrorMapping.status(for: error))
        }
    }

    func createQueue(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let form = try await ConsoleForm.read(request, limit: 4 << 20)
        do {
            let parsed = try QueueRequest(json: QueueFormView.json(form))
            let (queue, targets) = try await QueueBuilder(store: services.store, clock: services.clock).build(parsed, key: key)
            try await services.store.createQueue(queue, targets: targets)
            return ConsoleReviewController.redirect("/review/\(queue.id)?created=1")
        } catch let error as OpsError where Self.isFormError(error) {
            return try await page(key: key, queueForm: form, queueError: error, status: HTTPErrorMapping.status(for: error))
        }
    }

    /// Errors about what was typed, shown on the form: a bad value, something it names that the
    /// project lacks, a name taken. Anything else is the console's error page.
    static func isFormError(_ error: OpsError) -> Bool {
        switch error.kind {
        case .invalidRequest, .conflict: return true
        case .notFound: return error.param != nil
        default: return false
        }
    }

    private func page(key: APIKey, notice: String? = nil, definitionForm: ScoreDefinitionFormView? = nil,
                      queueForm: ConsoleForm? = nil, queueError: OpsError? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = services.clock.now()
        var queues: [(AnnotationQueue, QueueProgress)] = []
        for queue in try await services.store.queues(project: key.project) {
            let progress = try await services.store.queueProgress(id: queue.id, project: key.project, at: now)
            queues.append((queue, progress ?? QueueProgress(total: queue.itemCount)))
        }
        let definitions = try await services.store.scoreDefinitions(project: key.project)
        var view = ReviewQueuesView(queues: queues, definitions: definitions, notice: notice)
        if key.role.allows(.developer) {
            let runs = try await services.store.runs(project: key.project, limit: 200)
            view = ReviewQueuesView(queues: queues, definitions: definitions, notice: notice,
                                    definitionForm: definitionForm ?? ScoreDefinitionFormView(),
                                    queueForm: QueueFormView(definitions: definitions, runs: runs,
                                                             form: queueForm ?? ConsoleForm(fields: []), error: queueError))
        }
        return renderer.page("review-queues", view: view, title: "Review", key: key, section: .review, status: status)
    }
}
