import OpsCore

/// What one endpoint takes and answers, for the OpenAPI document.
struct APIOperation: Sendable {
    /// A query-string parameter.
    struct Parameter: Sendable {
        let name: String
        let schema: JSONValue
        var required = false
    }

    /// A successful answer.
    struct Answer: Sendable {
        var status = 200
        var description = "OK"
        /// Nil for an answer without a body (204, 304).
        var contentType: String? = "application/json"
        var schema: JSONValue = APISchema.anyObject
    }

    let summary: String
    let tag: String
    var query: [Parameter] = []
    /// The request body's content types (each with the same schema); nil when the route takes none.
    var body: JSONValue? = nil
    var bodyContentTypes = ["application/json"]
    var answers: [Answer] = [Answer()]
    /// Error statuses besides the ones every route of its access answers (see `OpenAPIDocument`).
    var errors: [Int] = []
    /// The name of a trailing `**` path parameter.
    var catchAll: String? = nil
    /// A valid request body, shown in the document (and sent first by schemathesis).
    var example: JSONValue? = nil
    /// Where a created object's identifier is in the answer (a JSON pointer such as `/id`): the
    /// document links this route to the routes under its path that take that identifier.
    var creates: String? = nil
}
