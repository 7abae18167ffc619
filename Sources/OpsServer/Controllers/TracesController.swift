import Foundation
import Hummingbird
import OpsCore

/// `GET /api/traces` (filters + cursor pagination) and `GET /api/traces/{id}`, scoped to the key's project.
struct TracesController {
    let services: GatewayServices

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let query = try Self.query(from: request.uri.queryParameters, project: key.project)
        let page = try await services.store.listTraces(query)
        return JSONResponse.make(["object": "list", "data": .array(page.traces.map(\.apiJSON)),
                                  "next_cursor": page.nextCursor.map { .string($0.token) } ?? .null,
                                  "has_more": .bool(page.nextCursor != nil)])
    }

    func get(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let id = try context.parameters.require("id")
        guard let trace = try await services.store.trace(id: id, project: key.project) else {
            throw OpsError(.notFound, "No trace '\(id)' in project '\(key.project)'", param: "id", code: "trace_not_found")
        }
        var json = trace.apiJSON.objectValue ?? JSONObject()
        json["scores"] = .array(try await services.store.scores(project: key.project, target: .trace(id)).map(\.json))
        return JSONResponse.make(.object(json))
    }

    static func query(from params: Parameters, project: String) throws(OpsError) -> TraceQuery {
        var query = TraceQuery(project: project)
        func date(_ name: String) throws(OpsError) -> Date? {
            guard let raw = params.get(name), !raw.isEmpty else { return nil }
            if let d = ISO8601Timestamp.parse(raw) { return d }
            if let seconds = Double(raw) { return Date(timeIntervalSince1970: seconds) }
            throw .invalid("\(name) must be an RFC 3339 time or Unix seconds, got '\(raw)'", param: name)
        }
        query.from = try date("from")
        query.to = try date("to")
        query.model = params.get("model")
        if let status = params.get("status") {
            guard let s = TraceStatus(rawValue: status) else { throw .invalid("status must be ok or error, got '\(status)'", param: "status") }
            query.status = s
        }
        query.user = params.get("user")
        query.sessionID = params.get("session_id") ?? params.get("session")
        query.tag = params.get("tag")
        if let prompt = params.get("prompt") {
            let reference = try PromptReference(parsing: prompt, param: "prompt")
            query.promptName = reference.name
            switch reference.selector {
            case .latest: break
            case .version(let number): query.promptVersion = number
            case .label: throw .invalid("prompt filters by NAME or NAME@VERSION; a label moves, so it names no fixed traces", param: "prompt")
            }
        }
        if let limit = params.get("limit") {
            guard let n = Int(limit), (1...1000).contains(n) else { throw .invalid("limit must be an integer from 1 to 1000", param: "limit") }
            query.limit = n
        }
        if let cursor = params.get("cursor") {
            guard let c = TraceCursor(token: cursor) else { throw .invalid("cursor is not one this server issued", param: "cursor") }
            query.cursor = c
        }
        return query
    }
}
