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
        var query = try TraceQuery(project: project, filters: filters)
        query.limit = pageSize
        if let cursor, !cursor.isEmpty { query.cursor = try TraceCursor(checking: cursor) }
        return query
    }
}
