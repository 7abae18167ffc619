import OpsCore

/// `/api/routes`: model routes changed without a restart.
enum RoutingDocs {
    static let change = APISchema.object(["project": APISchema.string, "version": APISchema.integer, "added": APISchema.array(APISchema.string),
                                          "removed": APISchema.array(APISchema.string), "modified": APISchema.array(APISchema.string),
                                          "routes": APISchema.array(APISchema.anyObject)], required: ["version", "routes"])

    static let list = APIOperation(summary: "The caller's project's routes, and the operator's beside them", tag: "routes",
                                   answers: [.init(schema: APISchema.object(["project": APISchema.string, "version": APISchema.integer,
                                                                             "routes": APISchema.array(APISchema.anyObject),
                                                                             "instance_routes": APISchema.array(APISchema.anyObject)],
                                                                            required: ["routes"]))])
    static let replace = APIOperation(summary: "Replace the caller's project's routes (the `routes:` document of the configuration, as JSON)",
                                      tag: "routes", body: APISchema.object(["routes": APISchema.array(APISchema.anyObject)]),
                                      answers: [.init(schema: change)], errors: [403, 413])
    static let history = APIOperation(summary: "The caller's project's route changes, newest first", tag: "routes",
                                      answers: [.init(schema: APISchema.list(APISchema.object([
                                          "version": APISchema.integer, "actor": APISchema.string, "created_at": APISchema.string,
                                          "routes": APISchema.array(APISchema.anyObject)])))])
    static let rollback = APIOperation(summary: "Apply the routes of an earlier change again (0: the configuration file's)", tag: "routes",
                                       body: APISchema.object(["version": ["type": "integer", "minimum": 0]], required: ["version"]),
                                       answers: [.init(schema: change)], errors: [404, 413])
}
