import OpsCore

/// `/api/datasets`: versioned datasets.
enum DatasetDocs {
    static let version = APISchema.object([
        "dataset": APISchema.string, "hash": APISchema.string, "short_hash": APISchema.string, "item_count": APISchema.integer,
        "created_at": APISchema.string, "author": APISchema.string, "message": APISchema.string,
    ], required: ["dataset", "hash", "item_count"])
    static let format = APIOperation.Parameter(name: "format", schema: APISchema.oneOf(["jsonl", "csv"]))

    static let list = APIOperation(summary: "The project's datasets (their newest versions)", tag: "datasets",
                                   answers: [.init(schema: APISchema.list(APISchema.anyObject))])
    static let importFile = APIOperation(
        summary: "Import a JSONL or CSV file as a version (201 new, 200 same content); all lines or none", tag: "datasets",
        query: [format, .init(name: "message", schema: APISchema.string)],
        body: APISchema.string, bodyContentTypes: ["application/jsonl", "text/csv"],
        answers: [.init(description: "The same content was there", schema: APISchema.anyObject),
                  .init(status: 201, description: "A new version", schema: APISchema.anyObject)], errors: [413],
        example: "{\"input\": {\"question\": \"a\"}, \"expected_output\": \"b\"}\n", creates: "/dataset")
    static let get = APIOperation(summary: "A version (`name` or `name@hash`) with its items", tag: "datasets",
                                  answers: [.init(schema: APISchema.object(["items": APISchema.array(APISchema.anyObject)]))])
    static let versions = APIOperation(summary: "Every version, newest first", tag: "datasets",
                                       answers: [.init(schema: APISchema.list(version))])
    static let export = APIOperation(summary: "A version as JSONL (lossless) or CSV", tag: "datasets", query: [format],
                                     answers: [.init(contentType: "application/jsonl", schema: APISchema.string),
                                               .init(description: "CSV, when asked", contentType: "text/csv", schema: APISchema.string)])
    static let addTraces = APIOperation(summary: "A new version: the newest items plus one per trace", tag: "datasets",
                                        body: APISchema.object(["trace_ids": APISchema.array(APISchema.string)], required: ["trace_ids"]),
                                        answers: [.init(schema: APISchema.anyObject),
                                                  .init(status: 201, description: "A new version", schema: APISchema.anyObject)],
                                        errors: [413])
}
