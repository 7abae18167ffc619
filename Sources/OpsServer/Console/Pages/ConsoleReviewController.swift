import Hummingbird
import OpsCore

/// The reviewer's pages: `GET /review/{id}` (the item this key holds, with the score form),
/// `POST /review/{id}/next` (take the next item), `POST /review/{id}/items/{item}/complete` and
/// `…/skip` (`GET /review` and the forms that create queues are `ConsoleReviewSetupController`'s). After completing or skipping, the next item is taken at once, so a reviewer goes
/// from one item to the next. Scores are checked against the queue's definitions as in the API.
struct ConsoleReviewController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    private var desk: ReviewDesk { ReviewDesk(store: services.store, clock: services.clock) }

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let params = request.uri.queryParameters
        let notice = params.get("saved").map { "Item \($0) saved." } ?? params.get("skipped").map { "Item \($0) skipped." }
            ?? params.get("created").map { _ in "Queue created with \(queue.itemCount) item\(queue.itemCount == 1 ? "" : "s")." }
        return try await page(queue, key: key, notice: notice)
    }

    func next(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        _ = try await desk.next(queue, reviewer: key)
        return Self.redirect("/review/\(queue.id)")
    }

    func complete(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let position = try ReviewDesk.position(try context.parameters.require("item"))
        let form = try await ConsoleForm.read(request)
        let definitions = try await desk.definitions(of: queue)
        var values: [String: String] = [:]
        for (name, value) in form.prefixed("score.") where values[name] == nil { values[name] = value }
        let comment = form["comment"] ?? ""
        do {
            var raw = JSONObject()
            for definition in definitions {
                if let text = values[definition.name], !text.isEmpty { raw[definition.name] = definition.formValue(text) }
            }
            let submission = try ReviewSubmission(raw: raw, comment: comment, definitions: definitions)
            _ = try await desk.complete(queue, position: position, submission: submission, reviewer: key)
        } catch let error as OpsError where error.kind == .invalidRequest {
            // The form comes back with what was typed and the field at fault marked.
            return try await page(queue, key: key, error: error, values: values, comment: comment, status: .badRequest)
        }
        _ = try await desk.next(queue, reviewer: key)
        return Self.redirect("/review/\(queue.id)?saved=\(position)")
    }

    func skip(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let position = try ReviewDesk.position(try context.parameters.require("item"))
        _ = try await desk.skip(queue, position: position, reviewer: key)
        _ = try await desk.next(queue, reviewer: key)
        return Self.redirect("/review/\(queue.id)?skipped=\(position)")
    }

    private func page(_ queue: AnnotationQueue, key: APIKey, notice: String? = nil, error: OpsError? = nil,
                      values: [String: String] = [:], comment: String = "", status: HTTPResponse.Status = .ok) async throws -> Response {
        let now = services.clock.now()
        let held = try await services.store.leasedItem(queueID: queue.id, project: key.project, reviewer: key.id, at: now)
        let context = try await held.asyncMap { try await ReviewItemContext.load($0, project: key.project, store: services.store) }
        let progress = try await services.store.queueProgress(id: queue.id, project: key.project, at: now)
            ?? QueueProgress(total: queue.itemCount)
        let view = ReviewItemView(queue: queue, progress: progress, context: context, definitions: try await desk.definitions(of: queue),
                                  canReview: key.role.allows(.developer), notice: notice, error: error, values: values, comment: comment)
        return renderer.page("review", view: view, title: "Review · \(queue.name)", key: key, section: .review, status: status)
    }

    /// 303: the browser follows with a GET, so reloading the page never posts the form again.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
