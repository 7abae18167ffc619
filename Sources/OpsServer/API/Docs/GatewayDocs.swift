import OpsCore

/// The OpenAI-compatible endpoints under `/v1`.
enum GatewayDocs {
    static let message = APISchema.object(["role": APISchema.string, "content": APISchema.nullable(APISchema.any)], required: ["role"])
    static let usage = APISchema.object(["prompt_tokens": APISchema.integer, "completion_tokens": APISchema.integer,
                                         "total_tokens": APISchema.integer])

    static let chat = APIOperation(
        summary: "OpenAI chat completions; `stream: true` answers server-sent events", tag: "gateway",
        body: APISchema.object([
            "model": APISchema.string, "messages": APISchema.array(message), "stream": APISchema.boolean,
            "max_tokens": APISchema.integer, "temperature": APISchema.number, "top_p": APISchema.number,
            "user": APISchema.string, "metadata": APISchema.anyObject,
            "prompt": APISchema.object(["name": APISchema.string, "label": APISchema.string, "version": APISchema.integer,
                                        "variables": APISchema.anyObject], required: ["name"]),
        ]),
        answers: [.init(schema: APISchema.object([
            "id": APISchema.string, "object": APISchema.string, "created": APISchema.integer, "model": APISchema.string,
            "choices": APISchema.array(APISchema.object(["index": APISchema.integer, "message": message,
                                                          "finish_reason": APISchema.nullable(APISchema.string)])),
            "usage": APISchema.nullable(usage),
        ], required: ["choices"])),
                  .init(description: "The stream, when `stream` is true", contentType: "text/event-stream",
                        schema: APISchema.object(["event": APISchema.string, "data": APISchema.string], required: ["data"]))],
        errors: [404, 409, 413, 429, 502, 504],
        example: ["model": "mock-model", "messages": [["role": "user", "content": "Hello"]], "max_tokens": 16])

    static let embeddings = APIOperation(
        summary: "OpenAI embeddings, float or base64", tag: "gateway",
        body: APISchema.object(["model": APISchema.string, "input": APISchema.any,
                                "encoding_format": APISchema.oneOf(["float", "base64"]), "user": APISchema.string],
                               required: ["model", "input"]),
        answers: [.init(schema: APISchema.object([
            "object": APISchema.string, "model": APISchema.string, "usage": APISchema.nullable(usage),
            "data": APISchema.array(APISchema.object(["object": APISchema.string, "index": APISchema.integer, "embedding": APISchema.any],
                                                     required: ["index", "embedding"])),
        ], required: ["data"]))],
        errors: [404, 413, 429, 502, 504], example: ["model": "mock-model", "input": "Hello"])

    static let model = APISchema.object(["id": APISchema.string, "object": APISchema.string, "created": APISchema.integer,
                                         "owned_by": APISchema.string], required: ["id", "object"])
    static let models = APIOperation(summary: "The configured models", tag: "gateway",
                                     answers: [.init(schema: APISchema.object(["object": APISchema.string, "data": APISchema.array(model)],
                                                                              required: ["data"]))])
    static let modelByName = APIOperation(summary: "One model (names may contain slashes)", tag: "gateway",
                                          answers: [.init(schema: model)], catchAll: "model")
}
