import OpsCore

/// `/api/experiments`: stored experiment runs and their comparison.
enum ExperimentDocs {
    static let run = APISchema.object([
        "id": APISchema.string, "dataset": APISchema.string, "dataset_version": APISchema.string, "item_count": APISchema.integer,
        "plan": APISchema.anyObject, "status": APISchema.string, "author": APISchema.string, "created_at": APISchema.string,
        "finished_at": APISchema.nullable(APISchema.string), "summary": APISchema.nullable(APISchema.anyObject),
    ], required: ["id", "dataset", "dataset_version", "status"])

    static let list = APIOperation(summary: "Runs, newest first", tag: "experiments",
                                   query: [.init(name: "limit", schema: ["type": "integer", "minimum": 1, "maximum": 1000])],
                                   answers: [.init(schema: APISchema.list(run))])
    static let create = APIOperation(
        summary: "Start a run over a dataset version (the eval runner calls the gateway and saves items)", tag: "experiments",
        body: APISchema.object(["dataset": APISchema.string, "target": APISchema.anyObject, "metrics": APISchema.array(APISchema.string),
                                "concurrency": APISchema.integer], required: ["dataset", "target", "metrics"]),
        answers: [.init(status: 201, description: "Created", schema: run)], errors: [404, 413],
        example: ["dataset": "qa", "target": ["type": "prompt", "prompt": "support", "version": 1], "metrics": ["exact"]],
        creates: "/id")
    static let get = APIOperation(summary: "A run with its items", tag: "experiments",
                                  answers: [.init(schema: APISchema.object(["id": APISchema.string,
                                                                            "items": APISchema.array(APISchema.anyObject)],
                                                                           required: ["id"]))])
    static let saveItems = APIOperation(summary: "Save item results of a run", tag: "experiments",
                                        body: APISchema.object(["items": APISchema.array(APISchema.anyObject)], required: ["items"]),
                                        answers: [.init(schema: APISchema.object(["id": APISchema.string, "saved": APISchema.integer],
                                                                                 required: ["id", "saved"]))],
                                        errors: [409, 413])
    static let finish = APIOperation(summary: "Mark a run finished with its summary", tag: "experiments",
                                     body: APISchema.object(["summary": APISchema.anyObject], required: ["summary"]),
                                     answers: [.init(schema: run)], errors: [409, 413])
    static let compare = APIOperation(
        summary: "Two runs of one dataset version compared per metric (paired bootstrap, Wilcoxon)", tag: "experiments",
        query: [.init(name: "a", schema: APISchema.string, required: true), .init(name: "b", schema: APISchema.string, required: true),
                .init(name: "alpha", schema: ["type": "number", "minimum": 0, "maximum": 1, "exclusiveMinimum": true, "exclusiveMaximum": true])],
        answers: [.init(schema: APISchema.object(["a": APISchema.anyObject, "b": APISchema.anyObject, "alpha": APISchema.number,
                                                  "regression": APISchema.boolean, "metrics": APISchema.array(APISchema.anyObject),
                                                  "skipped": APISchema.array(APISchema.anyObject)],
                                                 required: ["a", "b", "metrics"]))],
        errors: [404])
}
