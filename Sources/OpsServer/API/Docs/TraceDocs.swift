import OpsCore

/// `/api/traces`.
enum TraceDocs {
    static let trace = APISchema.object([
        "id": APISchema.string, "project": APISchema.string, "name": APISchema.string, "model": APISchema.string,
        "provider": APISchema.nullable(APISchema.string), "status": APISchema.string, "http_status": APISchema.integer,
        "user": APISchema.nullable(APISchema.string), "session_id": APISchema.nullable(APISchema.string),
        "latency_ms": APISchema.number, "cost_usd": APISchema.nullable(APISchema.number), "input": APISchema.any,
        "output": APISchema.any, "error": APISchema.nullable(APISchema.string), "tags": APISchema.array(APISchema.string),
        "metadata": APISchema.anyObject, "created_at": APISchema.string, "generations": APISchema.array(APISchema.anyObject),
    ], required: ["id", "project", "status", "created_at"])

    static let list = APIOperation(
        summary: "Traces of the key's project, newest first", tag: "traces",
        query: ["from", "to", "model", "status", "user", "session_id", "session", "tag", "prompt", "cursor"]
            .map { APIOperation.Parameter(name: $0, schema: APISchema.string) }
            + [.init(name: "limit", schema: ["type": "integer", "minimum": 1, "maximum": 1000])],
        answers: [.init(schema: APISchema.object(["object": APISchema.string, "data": APISchema.array(trace),
                                                  "next_cursor": APISchema.nullable(APISchema.string)], required: ["data"]))])
    static let get = APIOperation(summary: "One trace with its generations and scores", tag: "traces",
                                  answers: [.init(schema: trace)])
}
