import OpsCore

/// `/api/scores` and `/api/score-definitions`.
enum ScoreDocs {
    static let value: JSONValue = ["anyOf": [APISchema.number, APISchema.string, APISchema.boolean]]
    static let score = APISchema.object([
        "id": APISchema.string, "trace_id": APISchema.string, "run_id": APISchema.string, "item": APISchema.integer,
        "name": APISchema.string, "kind": APISchema.string, "value": value, "comment": APISchema.nullable(APISchema.string),
        "source": APISchema.string, "author": APISchema.string, "queue_id": APISchema.nullable(APISchema.string),
        "created_at": APISchema.string,
    ], required: ["id", "name", "kind", "value", "source"])
    static let definition = APISchema.object([
        "name": APISchema.string, "kind": APISchema.oneOf(["numeric", "categorical", "boolean"]),
        "min": APISchema.nullable(APISchema.number), "max": APISchema.nullable(APISchema.number),
        "categories": APISchema.nullable(APISchema.array(APISchema.string)), "description": APISchema.nullable(APISchema.string),
    ], required: ["name", "kind"])

    static let list = APIOperation(summary: "Scores of one trace (`trace_id`) or one run (`run_id`, optionally `item`)", tag: "scores",
                                   query: [.init(name: "trace_id", schema: APISchema.string), .init(name: "run_id", schema: APISchema.string),
                                           .init(name: "item", schema: ["type": "integer", "minimum": 0])],
                                   answers: [.init(schema: APISchema.list(score))])
    static let create = APIOperation(
        summary: "Score a trace or an experiment item; checked against the name's definition", tag: "scores",
        body: APISchema.object(["trace_id": APISchema.string, "run_id": APISchema.string, "item": APISchema.integer,
                                "name": APISchema.string, "value": value, "comment": APISchema.string], required: ["name", "value"]),
        answers: [.init(status: 201, description: "Created", schema: score)], errors: [404, 413])
    static let definitions = APIOperation(summary: "The project's score definitions", tag: "scores",
                                          answers: [.init(schema: APISchema.list(definition))])
    static let createDefinition = APIOperation(
        summary: "Define what a score name may hold", tag: "scores",
        body: APISchema.object(["name": APISchema.string, "kind": APISchema.oneOf(["numeric", "categorical", "boolean"]),
                                "min": APISchema.number, "max": APISchema.number, "categories": APISchema.array(APISchema.string),
                                "description": APISchema.string], required: ["name", "kind"]),
        answers: [.init(status: 201, description: "Created", schema: definition)], errors: [409, 413],
        example: ["name": "thumbs", "kind": "boolean"])
}
