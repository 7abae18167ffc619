import OpsCore

/// `/api/prompts`: the prompt registry.
enum PromptDocs {
    static let version = APISchema.object([
        "name": APISchema.string, "version": APISchema.integer, "type": APISchema.oneOf(["chat", "text"]),
        "messages": APISchema.array(GatewayDocs.message), "text": APISchema.string, "config": APISchema.anyObject,
        "created_at": APISchema.string, "author": APISchema.string, "commit_message": APISchema.string,
    ], required: ["name", "version", "type"])
    static let label = APISchema.object(["label": APISchema.string, "version": APISchema.integer], required: ["label", "version"])
    static let versionNumber: JSONValue = ["type": "integer", "minimum": 1]

    static let list = APIOperation(summary: "The project's prompts", tag: "prompts",
                                   answers: [.init(schema: APISchema.list(APISchema.object([
                                       "name": APISchema.string, "latest_version": APISchema.integer, "labels": APISchema.anyObject,
                                       "created_at": APISchema.string], required: ["name", "latest_version"])))])
    static let push = APIOperation(
        summary: "Push the next version of a prompt", tag: "prompts",
        body: APISchema.object(["name": APISchema.string, "type": APISchema.oneOf(["chat", "text"]),
                                "messages": APISchema.array(GatewayDocs.message), "text": APISchema.string,
                                "config": APISchema.anyObject, "commit_message": APISchema.string,
                                "labels": APISchema.array(APISchema.string)], required: ["name"]),
        answers: [.init(status: 201, description: "Created", schema: version)], errors: [413],
        example: ["name": "support", "text": "Answer {{question}}", "config": ["model": "mock-model"], "labels": ["production"]],
        creates: "/name")
    static let get = APIOperation(
        summary: "One version: the newest, `?label=`, `?version=` (or `name@label`, `name@3`); ETag, If-None-Match", tag: "prompts",
        query: [.init(name: "label", schema: APISchema.string), .init(name: "version", schema: versionNumber)],
        answers: [.init(schema: version), .init(status: 304, description: "Not modified", contentType: nil)])
    static let versions = APIOperation(summary: "Every version, oldest first", tag: "prompts",
                                       answers: [.init(schema: APISchema.list(version))])
    static let diff = APIOperation(summary: "Unified diff of two versions' bodies and their config changes", tag: "prompts",
                                   query: [.init(name: "from", schema: versionNumber, required: true),
                                           .init(name: "to", schema: versionNumber, required: true)],
                                   answers: [.init(schema: APISchema.object(["diff": APISchema.string]))])
    static let labels = APIOperation(summary: "The prompt's labels", tag: "prompts", answers: [.init(schema: APISchema.list(label))])
    static let labelHistory = APIOperation(summary: "Every label move", tag: "prompts",
                                           answers: [.init(schema: APISchema.list(APISchema.anyObject))])
    static let moveLabel = APIOperation(summary: "Point a label at a version (a rollback when it was there before)", tag: "prompts",
                                        body: APISchema.object(["version": versionNumber], required: ["version"]),
                                        answers: [.init(schema: APISchema.anyObject)], errors: [413])
}
