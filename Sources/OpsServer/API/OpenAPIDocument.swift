import OpsCore

/// The OpenAPI 3.0.3 document of every route in a catalog: paths, parameters, request bodies,
/// answers, the OpenAI error body of every error status, and bearer security.
enum OpenAPIDocument {
    /// Error statuses every route of an access answers besides its own: a keyed route answers 401
    /// (no, wrong or revoked key), 403 (role), 429 (authentication throttled), 400 (a bad
    /// parameter) and 503 (store unreachable); one with path parameters 404; one with a body 413.
    static func errorStatuses(of route: APIRoute) -> [Int] {
        var statuses = Set(route.operation.errors)
        if route.access != .open { statuses.formUnion([400, 401, 403, 429, 503]) }
        if !route.pathParameters.isEmpty { statuses.insert(404) }
        if route.operation.body != nil { statuses.formUnion([400, 413]) }
        return statuses.sorted()
    }

    static func make(_ routes: [APIRoute]) -> JSONValue {
        var paths = JSONObject()
        for route in routes {
            var item = paths[route.openAPIPath]?.objectValue ?? JSONObject()
            item[route.method.rawValue.lowercased()] = operation(route, in: routes)
            paths[route.openAPIPath] = .object(item)
        }
        return [
            "openapi": "3.0.3",
            "info": ["title": "LLMOps", "version": "1",
                     "description": "The OpenAI-compatible gateway (/v1) and the management API (/api) of llmops. Errors are OpenAI-shaped."],
            "paths": .object(paths),
            "components": [
                "schemas": ["Error": APISchema.error],
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer",
                                               "description": "An API key of the project: `Authorization: Bearer <key>`"]],
            ],
        ]
    }

    private static func operation(_ route: APIRoute, in routes: [APIRoute]) -> JSONValue {
        let op = route.operation
        var o: JSONObject = ["summary": .string(op.summary), "tags": [.string(op.tag)], "operationId": .string(operationID(route))]
        if let role = route.access.role {
            o["security"] = [["bearer": []]]
            o["description"] = .string("Needs a key whose role is \(role.rawValue) or higher.")
        } else {
            o["security"] = []
        }
        let pathParameters: [JSONValue] = route.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true,
             "schema": name == "item" ? ["type": "integer", "minimum": 0] : ["type": "string", "minLength": 1]]
        }
        let queryParameters: [JSONValue] = op.query.map { p in
            ["name": .string(p.name), "in": "query", "required": .bool(p.required), "schema": p.schema]
        }
        if !(pathParameters + queryParameters).isEmpty { o["parameters"] = .array(pathParameters + queryParameters) }
        if let body = op.body {
            o["requestBody"] = ["required": true,
                                "content": .object(JSONObject(op.bodyContentTypes.map { type in
                                    var media: JSONObject = ["schema": body]
                                    if let example = op.example { media["example"] = example }
                                    return (type, .object(media))
                                }))]
        }
        o["responses"] = .object(responses(route, links: links(from: route, in: routes)))
        return .object(o)
    }

    private static func responses(_ route: APIRoute, links: JSONObject) -> JSONObject {
        var responses = JSONObject()
        for answer in route.operation.answers {
            let status = String(answer.status)
            var response = responses[status]?.objectValue ?? ["description": .string(answer.description)]
            if !links.isEmpty, answer.contentType == "application/json" { response["links"] = .object(links) }
            if let type = answer.contentType {
                var content = response["content"]?.objectValue ?? JSONObject()
                content[type] = ["schema": answer.schema]
                response["content"] = .object(content)
            }
            responses[status] = .object(response)
        }
        for status in errorStatuses(of: route) where responses[String(status)] == nil {
            responses[String(status)] = ["description": .string(description(of: status)),
                                         "content": ["application/json": ["schema": APISchema.ref("Error")]]]
        }
        return responses
    }

    /// Links from a route that creates an object to the routes under its path that take it: the
    /// new identifier fills the first path parameter the creating route does not have, its own
    /// parameters come from its request, an item position is the first (0).
    private static func links(from route: APIRoute, in routes: [APIRoute]) -> JSONObject {
        guard let pointer = route.operation.creates else { return [:] }
        let base = route.openAPIPath
        var links = JSONObject()
        for target in routes where target.openAPIPath.hasPrefix(base + "/")
            || (target.openAPIPath == base && target.method != route.method && !route.pathParameters.isEmpty) {
            var parameters = JSONObject()
            var created = false
            for name in target.pathParameters {
                if route.pathParameters.contains(name) {
                    parameters[name] = .string("$request.path.\(name)")
                } else if !created {
                    parameters[name] = .string("$response.body#\(pointer)")
                    created = true
                } else if name == "item" {
                    parameters[name] = 0
                }
            }
            guard !parameters.isEmpty else { continue }
            let id = operationID(target)
            links[id] = ["operationId": .string(id), "parameters": .object(parameters)]
        }
        return links
    }

    private static func operationID(_ route: APIRoute) -> String {
        let words = route.path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return route.method.rawValue.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func description(of status: Int) -> String {
        switch status {
        case 400: return "A malformed or out-of-range field or parameter (`param` names it)"
        case 401: return "No key, or a wrong, revoked or expired one"
        case 403: return "The key's role or its routes do not allow this"
        case 404: return "Not found in the key's project"
        case 409: return "Conflicts with the current state"
        case 413: return "The body is over the size limit"
        case 429: return "A rate limit or budget was reached, or authentication is throttled (`retry-after`)"
        case 502: return "The upstream failed or answered malformed JSON"
        case 503: return "The store or a dependency is unavailable (`retry-after`)"
        case 504: return "The upstream timed out"
        default: return "Error"
        }
    }
}
