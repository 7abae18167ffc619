import Foundation
import HTTPTypes
import Hummingbird
import OpsCore

/// Guards console pages: a request whose session cookie names a live session of an active key gets
/// that key in the context (as the API's `KeyAuthMiddleware` does); any other is redirected to
/// `/login`, with the page it wanted in `next` so the login can send the browser back there.
/// A post must carry the session's CSRF token (`ConsoleCSRF`); one without it is a 403 page and
/// reaches no handler, so it changes nothing.
struct ConsoleAuthMiddleware: RouterMiddleware {
    typealias Context = OpsRequestContext
    let sessions: ConsoleSessions
    let renderer: ConsoleRenderer
    let secureCookies: Bool
    /// The largest form body read to find the CSRF token (`server.max_body_bytes`).
    let maxFormBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = ConsoleCookies.token(ConsoleCookies.sessionName, in: request),
              let key = try await sessions.key(for: token) else {
            return Self.redirectToLogin(from: request, hadSession: ConsoleCookies.has(ConsoleCookies.sessionName, in: request),
                                        secure: secureCookies)
        }
        var context = context
        context.key = key
        context.fromConsole = true
        let csrf = ConsoleCSRF.token(boundTo: token, purpose: .session)
        var request = request
        if request.method == .post {
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: maxFormBytes)
            } catch {
                let view = ConsoleErrorPage.ProblemView(heading: ConsoleErrorPage.heading(413),
                                                        message: "The form is larger than \(maxFormBytes) bytes.", field: nil)
                return renderer.page("problem", view: view, title: view.heading, key: key, status: .contentTooLarge)
            }
            guard ConsoleCSRF.isValid(ConsoleCSRF.submitted(in: body), boundTo: token, purpose: .session) else {
                let view = ConsoleErrorPage.ProblemView(
                    heading: ConsoleErrorPage.heading(403),
                    message: "This form could not be verified: it did not come from a page of this console, or your session "
                        + "changed since the page was shown. Nothing was changed. Go back, reload the page and send it again.",
                    field: ConsoleCSRF.fieldName)
                return ConsoleCSRF.$current.withValue(csrf) {
                    renderer.page("problem", view: view, title: view.heading, key: key, status: .forbidden)
                }
            }
        }
        return try await ConsoleCSRF.$current.withValue(csrf) { try await next(request, context) }
    }

    static func redirectToLogin(from request: Request, hadSession: Bool, secure: Bool) -> Response {
        var target = "/login?next=" + (request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F")
        if hadSession { target += "&expired=1" }
        var response = Response(status: .seeOther, headers: [.location: target])
        // A cookie that no longer names a session (expired, signed out, key revoked) is dropped so
        // the browser stops sending it.
        if hadSession { response.setCookie(ConsoleCookies.clearing(ConsoleCookies.sessionName, secure: secure)) }
        return response
    }

    /// `next` when it is a path on this site, `/` otherwise: the login never redirects off-site
    /// (`//host` and `/\host` are other sites to browsers) and never puts whitespace or control
    /// characters in a `Location` header.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
        else { return "/" }
        return next
    }
}
