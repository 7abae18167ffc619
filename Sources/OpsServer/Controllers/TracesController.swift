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

    /// The filters of `TraceQuery.filterNames` (`session` is an alias of `session_id`), `limit` (1–1000)
    /// and `cursor`, each checked with the message the console and queue filters give too.
    static func query(from params: Parameters, project: String) throws(OpsError) -> TraceQuery {
        var filters: [String: String] = [:]
        for name in TraceQuery.filterNames { if let value = params.get(name) { filters[name] = value } }
        if filters["session_id"] == nil, let session = params.get("session") { filters["session_id"] = session }
        var query = try TraceQuery(project: project, filters: filters)
        if let limit = params.get("limit") { query.limit = try CheckedText.int(limit, param: "limit", in: 1...1000) }
        if let cursor = params.get("cursor") { query.cursor = try TraceCursor(checking: cursor) }
        return query
    }
}
