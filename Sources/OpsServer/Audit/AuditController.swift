import Foundation
import Hummingbird
import OpsCore

/// `GET /api/audit`: the caller's project's audit entries, newest first (admins only).
/// Filters `action`, `from`, `to` (RFC 3339 or Unix seconds), `limit` (1–1000, default 100) and
/// `cursor` (the previous page's `next_cursor`).
struct AuditController {
    let services: GatewayServices

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let query = try Self.query(from: request.uri.queryParameters, project: admin.project)
        let page = try await services.store.auditEntries(query)
        return JSONResponse.make(["object": "list", "data": .array(page.entries.map(\.apiJSON)),
                                  "next_cursor": page.nextBefore.map { .string(String($0)) } ?? .null,
                                  "has_more": .bool(page.nextBefore != nil)])
    }

    /// The query the parameters describe; a bad parameter is a 400 naming it.
    static func query(from params: Parameters, project: String) throws(OpsError) -> AuditQuery {
        var query = AuditQuery(project: project)
        if let action = params.get("action"), !action.isEmpty {
            guard action.utf8.count <= 64 else { throw .invalid("action must be at most 64 bytes", param: "action") }
            query.action = AuditAction(rawValue: action)
        }
        if let from = params.get("from"), !from.isEmpty { query.from = try CheckedText.date(from, param: "from") }
        if let to = params.get("to"), !to.isEmpty { query.to = try CheckedText.date(to, param: "to") }
        if let limit = params.get("limit") { query.limit = try CheckedText.int(limit, param: "limit", in: 1...1000) }
        if let cursor = params.get("cursor"), !cursor.isEmpty {
            guard let before = Int64(cursor), before > 0 else { throw .invalid("cursor is not one this server issued", param: "cursor") }
            query.before = before
        }
        return query
    }
}

extension AuditEntry {
    /// The entry as the API shows it, with its place in the hash chain.
    var apiJSON: JSONValue {
        ["sequence": .int(sequence), "at": .string(at.iso8601), "actor": .string(actor), "project": .string(project),
         "action": .string(action.rawValue), "target": target.map { .string($0) } ?? .null, "detail": .object(detail),
         "previous_hash": .string(previousHash), "hash": .string(hash)]
    }
}
