import Foundation
import Hummingbird
import OpsCore

/// `GET /traces` (filtered, paginated list) and `GET /traces/{id}` (one trace), scoped to the
/// signed-in key's project exactly as `GET /api/traces` is.
struct ConsoleTracesController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    static let pageSize = 50

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let params = request.uri.queryParameters
        // A filter form submits every field; blank ones mean "no filter", not "equal to the empty string".
        var filters: [String: String] = [:]
        for name in TraceListView.filterNames {
            if let value = params.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty { filters[name] = value }
        }
        do {
            let query = try Self.query(filters: filters, cursor: params.get("cursor"), project: key.project)
            let page = try await services.store.listTraces(query)
            return renderer.page("traces", view: TraceListView(filters: filters, page: page), title: "Traces", key: key, section: .traces)
        } catch let error as OpsError where error.kind == .invalidRequest {
            return renderer.page("traces", view: TraceListView(filters: filters, page: nil, error: error.message), title: "Traces",
                                 key: key, section: .traces, status: .badRequest)
        }
    }

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let id = try context.parameters.require("id")
        guard let trace = try await services.store.trace(id: id, project: key.project) else {
            let view = TraceListView(filters: [:], page: nil, error: "No trace '\(id)' in project '\(key.project)'.")
            return renderer.page("traces", view: view, title: "Trace not found", key: key, section: .traces, status: .notFound)
        }
        let scores = try await services.store.scores(project: key.project, target: .trace(trace.id))
        var view = TraceDetailView(trace, raw: trace.apiJSON, scores: scores)
        view.queueControl = try await ConsoleQueueAdditionController.control(page: "/traces/" + ConsoleFormat.queryValue(trace.id),
                                                                             traces: true, request: request, key: key,
                                                                             store: services.store)
        return renderer.page("trace", view: view, title: "Trace \(trace.id)", key: key, section: .traces)
    }

    /// The same filters as `GET /api/traces`, with the same messages for bad values.
    static func query(filters: [String: String], cursor: String?, project: String) throws(OpsError) -> TraceQuery {
        var query = TraceQuery(project: project, limit: pageSize)
        func date(_ name: String) throws(OpsError) -> Date? {
            guard let raw = filters[name] else { return nil }
            if let d = ISO8601Timestamp.parse(raw) { return d }
            if let seconds = Double(raw) { return Date(timeIntervalSince1970: seconds) }
            throw .invalid("\(name) must be an RFC 3339 time or Unix seconds, got '\(raw)'", param: name)
        }
        query.from = try date("from")
        query.to = try date("to")
        query.model = filters["model"]
        if let status = filters["status"] {
            guard let s = TraceStatus(rawValue: status) else { throw .invalid("status must be ok or error, got '\(status)'", param: "status") }
            query.status = s
        }
        query.user = filters["user"]
        query.sessionID = filters["session_id"]
        query.tag = filters["tag"]
        if let cursor, !cursor.isEmpty {
            guard let c = TraceCursor(token: cursor) else { throw .invalid("cursor is not one this server issued", param: "cursor") }
            query.cursor = c
        }
        return query
    }
}
