import Hummingbird
import OpsCore

/// `POST /traces/{id}/queue` and `POST /experiments/{id}/queue` (form field `queue`): adds the
/// trace, or the run's items, to a queue of the key's project through `QueueBuilder.add`, as
/// `POST /api/queues/{id}/items` does, then goes back to the page, which says what was added.
/// A trace or run of another project is a 404, like a missing one. Needs a developer key.
struct ConsoleQueueAdditionController: Sendable {
    let services: GatewayServices

    func addTrace(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await add(.traceIDs([id]), request: request, context: context, back: "/traces/" + ConsoleFormat.queryValue(id))
    }

    func addRun(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        return try await add(.experimentRun(id), request: request, context: context,
                             back: "/experiments/" + ConsoleFormat.queryValue(id))
    }

    /// The control for the page at `page` (which the form posts to `page/queue`), with the notice of
    /// an addition that redirected there; nil for a key that may not add (a viewer).
    static func control(page: String, traces: Bool, request: Request, key: APIKey, store: any OpsStore) async throws -> AddToQueueView? {
        guard key.role.allows(.developer) else { return nil }
        let params = request.uri.queryParameters
        return AddToQueueView(action: page + "/queue", traces: traces, queues: try await store.queues(project: key.project),
                              queued: params.get("queued"), added: params.get("added").flatMap { Int($0) },
                              already: params.get("already").flatMap { Int($0) })
    }

    private func add(_ source: QueueRequest.Source, request: Request, context: OpsRequestContext, back: String) async throws -> Response {
        let key = try context.require(.developer)
        let form = try await ConsoleForm.read(request, limit: 16 << 10)
        guard let queueID = form["queue"], !queueID.isEmpty else { throw OpsError.invalid("Choose a queue", param: "queue") }
        let queue = try await ReviewDesk(store: services.store, clock: services.clock).queue(queueID, key: key)
        let (added, named) = try await QueueBuilder(store: services.store, clock: services.clock)
            .add(QueueAddition(source: source), to: queue, key: key)
        return ConsoleReviewController.redirect(back + "?queued=\(ConsoleFormat.queryValue(queue.id))&added=\(added.count)"
                                                + "&already=\(named - added.count)")
    }
}
