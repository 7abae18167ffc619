import Hummingbird
import OpsCore

/// Annotation queues: `GET/POST /api/queues`, `GET /api/queues/{id}` (with progress),
/// `POST /api/queues/{id}/items` (add traces or a run's items), `POST /api/queues/{id}/next` (lease the next item to this key), `GET /api/queues/{id}/items/{item}`,
/// and `POST …/items/{item}/complete` or `…/skip`. Reviewing needs a developer key; the reviewer is the key.
struct QueuesController {
    let services: GatewayServices

    private var desk: ReviewDesk { ReviewDesk(store: services.store, clock: services.clock) }

    func create(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let parsed = try QueueRequest(json: try await JSONResponse.readBody(request, limit: 4 << 20))
        let (queue, targets) = try await QueueBuilder(store: services.store, clock: services.clock).build(parsed, key: key)
        try await services.store.createQueue(queue, targets: targets)
        let progress = try await services.store.queueProgress(id: queue.id, project: key.project, at: services.clock.now())
        return JSONResponse.make(queue.json(progress: progress), status: .created)
    }

    /// `{"trace_ids": [...]}`, `{"trace_filter": {...}}` or `{"run_id"}`: 200 with the queue, its
    /// progress, `added` (the new items' positions) and `already_queued` (targets it held before).
    func addItems(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let addition = try QueueAddition(json: try await JSONResponse.readBody(request, limit: 4 << 20))
        let (added, named) = try await QueueBuilder(store: services.store, clock: services.clock).add(addition, to: queue, key: key)
        let updated = try await desk.queue(queue.id, key: key)
        let progress = try await services.store.queueProgress(id: queue.id, project: key.project, at: services.clock.now())
        var json = updated.json(progress: progress).objectValue ?? JSONObject()
        json["added"] = .array(added.map { .int(Int64($0.position)) })
        json["already_queued"] = .int(Int64(named - added.count))
        return JSONResponse.make(.object(json))
    }

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        var data: [JSONValue] = []
        for queue in try await services.store.queues(project: key.project) {
            let progress = try await services.store.queueProgress(id: queue.id, project: key.project, at: services.clock.now())
            data.append(queue.json(progress: progress))
        }
        return JSONResponse.make(["object": "list", "data": .array(data)])
    }

    func get(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        var json = queue.json(progress: try await services.store.queueProgress(id: queue.id, project: key.project,
                                                                              at: services.clock.now())).objectValue!
        json["score_definitions"] = .array(try await desk.definitions(of: queue).map(\.json))
        return JSONResponse.make(.object(json))
    }

    /// 200 with the leased item and what it is about, or 204 when nothing is left to review.
    func next(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        guard let item = try await desk.next(queue, reviewer: key) else { return Response(status: .noContent) }
        return JSONResponse.make(try await ReviewItemContext.load(item, project: key.project, store: services.store).json)
    }

    func item(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let item = try await desk.item(queue, position: try ReviewDesk.position(try context.parameters.require("item")))
        return JSONResponse.make(try await ReviewItemContext.load(item, project: key.project, store: services.store).json)
    }

    /// `{"scores": {"<definition>": value, …}, "comment"?}`: every definition of the queue filled in.
    func complete(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let position = try ReviewDesk.position(try context.parameters.require("item"))
        let submission = try ReviewSubmission(json: try await JSONResponse.readBody(request, limit: 64 << 10),
                                              definitions: try await desk.definitions(of: queue))
        let item = try await desk.complete(queue, position: position, submission: submission, reviewer: key)
        return JSONResponse.make(try await ReviewItemContext.load(item, project: key.project, store: services.store).json)
    }

    func skip(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let queue = try await desk.queue(try context.parameters.require("id"), key: key)
        let item = try await desk.skip(queue, position: try ReviewDesk.position(try context.parameters.require("item")), reviewer: key)
        return JSONResponse.make(item.json)
    }
}
