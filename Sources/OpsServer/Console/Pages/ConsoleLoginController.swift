import Foundation
import Hummingbird
import NIOCore
import OpsCore

/// `GET /login` (the form), `POST /login` (checks the key, starts a session) and `POST /logout`
/// (ends it). The sign-in form's CSRF token is bound to the `llmops_login` cookie the form sets;
/// failed sign-ins count in the same throttle as the API's (per client address and key prefix).
struct ConsoleLoginController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer
    let sessions: ConsoleSessions

    private var secure: Bool { services.config.server.auth.secureCookies }

    private struct LoginView {
        var next: String
        var error: String?
        var expired: Bool
    }

    private struct LoginForm: Decodable {
        var apiKey: String?
        var next: String?

        enum CodingKeys: String, CodingKey {
            case apiKey = "api_key"
            case next
        }
    }

    func form(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let params = request.uri.queryParameters
        let view = LoginView(next: ConsoleAuthMiddleware.safeNext(params.get("next")), error: nil, expired: params.get("expired") == "1")
        return loginPage(view, request: request, status: .ok)
    }

    func login(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        let form = (try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: buffer))) ?? LoginForm()
        let next = ConsoleAuthMiddleware.safeNext(form.next)
        guard ConsoleCSRF.isValid(ConsoleCSRF.submitted(in: buffer), boundTo: ConsoleCookies.token(ConsoleCookies.loginName, in: request),
                                  purpose: .login) else {
            let message = "The sign-in form could not be verified (it expired, or it did not come from this site). Sign in again below."
            return loginPage(LoginView(next: next, error: message, expired: false), request: request, status: .forbidden, fresh: true)
        }
        let secret = (form.apiKey ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let address = ClientAddress.of(request, context: context, header: services.authenticator.clientAddressHeader)
        do {
            // Every role may read the console: the key only has to be active.
            let key = try await services.authenticator.authenticate(secret: secret, from: address)
            let token = try await sessions.start(for: key)
            await services.audit.record(.login, by: key, detail: ["address": .string(address ?? "unknown")])
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(ConsoleCookies.session(token, maxAge: Int(sessions.ttl), secure: secure))
            response.setCookie(ConsoleCookies.clearing(ConsoleCookies.loginName, secure: secure))
            return response
        } catch let error as OpsError where error.kind == .unauthorized {
            // No project is known for a key that was not accepted: the entry is the instance's, and
            // names the address, never what was typed.
            if !secret.isEmpty {
                await services.audit.record(.loginFailed, actor: address ?? "unknown", project: "*",
                                            detail: ["address": .string(address ?? "unknown")])
            }
            let message = secret.isEmpty ? "Paste an API key to sign in." : "That key was not accepted: \(error.message)."
            return loginPage(LoginView(next: next, error: message, expired: false), request: request, status: .unauthorized)
        } catch let error as OpsError where error.kind == .rateLimited {
            var response = loginPage(LoginView(next: next, error: error.message + ".", expired: false), request: request,
                                     status: .tooManyRequests)
            if let wait = error.retryAfter { response.headers[.retryAfter] = wait }
            return response
        }
    }

    /// Ends the session (the route runs behind `ConsoleAuthMiddleware`, so the post carried the
    /// session's CSRF token) and drops the cookie.
    func logout(_ request: Request, context: OpsRequestContext) async throws -> Response {
        if let token = ConsoleCookies.token(ConsoleCookies.sessionName, in: request) { try await sessions.end(token) }
        if let key = try? context.require(.viewer) { await services.audit.record(.logout, by: key) }
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(ConsoleCookies.clearing(ConsoleCookies.sessionName, secure: secure))
        return response
    }

    /// The sign-in page, its form bound to the browser's `llmops_login` cookie (set here when the
    /// browser has none, or when `fresh`, after a refused post).
    private func loginPage(_ view: LoginView, request: Request, status: HTTPResponse.Status, fresh: Bool = false) -> Response {
        let existing = fresh ? nil : ConsoleCookies.token(ConsoleCookies.loginName, in: request)
        let loginToken = existing ?? ConsoleCookies.newToken()
        var response = ConsoleCSRF.$current.withValue(ConsoleCSRF.token(boundTo: loginToken, purpose: .login)) {
            renderer.page("login", view: view, title: "Sign in", key: nil, status: status)
        }
        if existing == nil { response.setCookie(ConsoleCookies.login(loginToken, secure: secure)) }
        return response
    }
}
