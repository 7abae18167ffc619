import Hummingbird
import OpsCore

/// `GET /audit`: the signed-in admin's project's audit log, with the filters of `GET /api/audit`.
/// Viewers and developers get the 403 page, as the API answers them.
struct ConsoleAuditController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    static let pageSize = 50

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let params = request.uri.queryParameters
        // A filter form submits every field; blank ones mean "no filter".
        var filters: [String: String] = [:]
        for name in AuditView.filterNames {
            if let value = params.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty { filters[name] = value }
        }
        do {
            var query = try AuditController.query(from: params, project: admin.project)
            query.limit = Self.pageSize
            let page = try await services.store.auditEntries(query)
            return renderer.page("audit", view: AuditView(project: admin.project, filters: filters, page: page), title: "Audit log",
                                 key: admin, section: .audit)
        } catch let error as OpsError where error.kind == .invalidRequest {
            return renderer.page("audit", view: AuditView(project: admin.project, filters: filters, page: nil, error: error.message),
                                 title: "Audit log", key: admin, section: .audit, status: .badRequest)
        }
    }
}
