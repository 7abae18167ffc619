import HTTPTypes

/// One registered endpoint as the OpenAPI document and the authorization matrix see it.
struct APIRoute: Sendable {
    /// The HTTP method.
    let method: HTTPRequest.Method
    /// The path in Hummingbird's syntax (`/api/traces/:id`, `/v1/models/**`).
    let path: String
    /// Who may call it.
    let access: RouteAccess
    /// What it takes and answers.
    let operation: APIOperation

    /// The path in OpenAPI's syntax: `:id` becomes `{id}`, a trailing `**` the operation's
    /// catch-all parameter.
    var openAPIPath: String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
            if part.hasPrefix(":") { return "{\(part.dropFirst())}" }
            if part == "**" { return "{\(operation.catchAll ?? "path")}" }
            return String(part)
        }.joined(separator: "/")
    }

    /// The names of the path parameters, in order.
    var pathParameters: [String] {
        path.split(separator: "/").compactMap { part in
            if part.hasPrefix(":") { return String(part.dropFirst()) }
            if part == "**" { return operation.catchAll ?? "path" }
            return nil
        }
    }
}
