import OpsCore

/// `/health`, `/ready`, `/metrics` and the OpenAPI document.
enum HealthDocs {
    static let health = APIOperation(summary: "The process answers", tag: "operations",
                                     answers: [.init(schema: APISchema.object(["status": APISchema.string], required: ["status"]))])
    static let ready = APIOperation(summary: "The store answers too (503 when it does not)", tag: "operations",
                                    answers: [.init(schema: APISchema.object(["status": APISchema.string, "store": APISchema.string,
                                                                             "trace_queue": APISchema.integer], required: ["status"]))],
                                    errors: [503])
    static let metrics = APIOperation(summary: "Prometheus metrics in the text exposition format", tag: "operations",
                                      answers: [.init(contentType: "text/plain", schema: APISchema.string)])
    static let openAPI = APIOperation(summary: "This OpenAPI document", tag: "operations",
                                      answers: [.init(schema: APISchema.object(["openapi": APISchema.string, "paths": APISchema.anyObject],
                                                                               required: ["openapi", "paths"]))])
}
