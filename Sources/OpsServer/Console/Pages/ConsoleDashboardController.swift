import Foundation
import Hummingbird
import OpsCore

/// `GET /`: the dashboard for the signed-in key's project over `?range=1h|24h|7d`.
struct ConsoleDashboardController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    /// At most this many traces feed one dashboard, so a busy project's page stays fast; the store
    /// returns the oldest first, so past the limit the newest part of the window is missing and
    /// the page says so.
    static let pointLimit = 200_000

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let range = DashboardRange(query: request.uri.queryParameters.get("range"))
        let aggregator = DashboardAggregator(range: range, now: services.clock.now())
        let points = try await services.store.tracePoints(project: key.project, from: aggregator.from, to: aggregator.to,
                                                          limit: Self.pointLimit)
        let view = DashboardView(aggregator.summarize(points), truncatedAt: points.count >= Self.pointLimit ? Self.pointLimit : nil)
        return renderer.page("dashboard", view: view, title: "Dashboard", key: key, section: .dashboard)
    }
}
