import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import OpsCore

/// Renders a page template into the layout and wraps it in an HTML response.
struct ConsoleRenderer: Sendable {
    /// Which navigation entry is highlighted.
    enum Section: Sendable {
        case dashboard, traces, prompts, datasets, experiments, review, routes, audit, other
    }

    /// What the layout shows around the page.
    private struct Layout {
        var title: String
        var body: String
        var signedIn: Bool
        var onDashboard: Bool
        var onTraces: Bool
        var onPrompts: Bool
        var onDatasets: Bool
        var onExperiments: Bool
        var onReview: Bool
        var onRoutes: Bool
        var onAudit: Bool
        /// The audit page is for admins; others do not see its link.
        var isAdmin: Bool
        var project: String
        var role: String
        var keyPrefix: String
    }

    let library: MustacheLibrary

    init() throws {
        library = try ConsoleTemplates.library()
    }

    /// `template` rendered with `view` inside the layout, for the signed-in `key` (nil on the login page).
    /// Every `<form method="post">` gets the CSRF field of the request being handled (`ConsoleCSRF.current`).
    func page(_ template: String, view: Any, title: String, key: APIKey?, section: Section = .other,
              status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        let body = library.render(view, withTemplate: template) ?? ""
        let layout = Layout(title: title, body: body, signedIn: key != nil, onDashboard: section == .dashboard,
                            onTraces: section == .traces, onPrompts: section == .prompts, onDatasets: section == .datasets,
                            onExperiments: section == .experiments, onReview: section == .review, onRoutes: section == .routes,
                            onAudit: section == .audit, isAdmin: key?.role == .admin,
                            project: key?.project ?? "", role: key?.role.rawValue ?? "",
                            keyPrefix: key?.prefix ?? "")
        var html = library.render(layout, withTemplate: "layout") ?? body
        if let csrf = ConsoleCSRF.current { html = ConsoleCSRF.addingFields(to: html, token: csrf) }
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        // Pages show project data: never cache them, never frame them.
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("x-frame-options")!] = "DENY"
        // No scripts at all; styles are inline (the layout's sheet and style attributes).
        headers[HTTPField.Name("content-security-policy")!] =
            "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
