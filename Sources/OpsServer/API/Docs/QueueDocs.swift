import OpsCore

/// `/api/queues`: human review queues.
enum QueueDocs {
    /// A queue; its `score_definitions` are names, or the definitions themselves from `GET /api/queues/{id}`.
    static func queue(definitions: JSONValue) -> JSONValue {
        APISchema.object([
            "id": APISchema.string, "name": APISchema.string, "description": APISchema.string, "kind": APISchema.string,
            "run_id": APISchema.nullable(APISchema.string), "score_definitions": APISchema.array(definitions),
            "lease_seconds": APISchema.integer, "item_count": APISchema.integer, "author": APISchema.string,
            "created_at": APISchema.string, "progress": APISchema.anyObject,
        ], required: ["id", "name", "kind", "item_count"])
    }
    static let queue = queue(definitions: APISchema.string)
    static let item = APISchema.object(["queue_id": APISchema.string, "item": APISchema.integer,
                                        "state": APISchema.oneOf(["pending", "leased", "completed", "skipped"]),
                                        "reviewer": APISchema.nullable(APISchema.string), "trace": APISchema.anyObject,
                                        "experiment_item": APISchema.anyObject, "scores": APISchema.array(ScoreDocs.score)],
                                       required: ["queue_id", "item", "state"])
    static let source = APISchema.object(["trace_ids": APISchema.array(APISchema.string), "trace_filter": APISchema.anyObject,
                                          "run_id": APISchema.string])

    static let list = APIOperation(summary: "The project's queues with their progress", tag: "review",
                                   answers: [.init(schema: APISchema.list(queue))])
    static let create = APIOperation(
        summary: "A queue over traces (`trace_ids` or `trace_filter`) or a run's items (`run_id`)", tag: "review",
        body: APISchema.object(["name": APISchema.string, "description": APISchema.string,
                                "score_definitions": APISchema.array(APISchema.string), "lease_seconds": APISchema.integer,
                                "trace_ids": APISchema.array(APISchema.string), "trace_filter": APISchema.anyObject,
                                "run_id": APISchema.string], required: ["name", "score_definitions"]),
        answers: [.init(status: 201, description: "Created", schema: queue)], errors: [404, 409, 413],
        example: ["name": "Failures", "score_definitions": ["thumbs"], "trace_filter": ["status": "error"]], creates: "/id")
    static let get = APIOperation(summary: "A queue with its progress and its score definitions", tag: "review",
                                  answers: [.init(schema: queue(definitions: ScoreDocs.definition))])
    static let addItems = APIOperation(summary: "Append what the queue does not hold yet", tag: "review", body: source,
                                       answers: [.init(schema: APISchema.object(["added": APISchema.array(APISchema.integer),
                                                                                 "already_queued": APISchema.integer]))],
                                       errors: [409, 413])
    static let next = APIOperation(summary: "Lease the next item to the calling key (204 when none is left)", tag: "review",
                                   answers: [.init(schema: item), .init(status: 204, description: "Nothing left", contentType: nil)])
    static let itemByPosition = APIOperation(summary: "One item with what it is about", tag: "review", answers: [.init(schema: item)])
    static let complete = APIOperation(summary: "Score the item (one score per definition of the queue) and close it", tag: "review",
                                       body: APISchema.object(["scores": APISchema.anyObject, "comment": APISchema.string],
                                                              required: ["scores"]),
                                       answers: [.init(schema: item)], errors: [409, 413])
    static let skip = APIOperation(summary: "Skip the item", tag: "review", answers: [.init(schema: APISchema.anyObject)],
                                   errors: [409])
}
