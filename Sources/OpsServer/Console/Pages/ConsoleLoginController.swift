import Foundation
import Hummingbird
import NIOCore
import OpsCore

/// `GET /login` (the form), `POST /login` (checks the key, sets the session cookie) and
/// `POST /logout` (clears it). See `ConsoleSession` for why the cookie holds the key.
struct ConsoleLoginController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

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
        return renderer.page("login", view: view, title: "Sign in", key: nil)
    }

    func login(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 16 * 1024)
        let form = (try? URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: buffer))) ?? LoginForm()
        let next = ConsoleAuthMiddleware.safeNext(form.next)
        let secret = (form.apiKey ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            // Every role may read the console: the key only has to be active.
            _ = try await services.authenticator.authenticate(secret: secret)
            var response = Response(status: .seeOther, headers: [.location: next])
            response.setCookie(ConsoleSession.cookie(for: secret, secure: ConsoleSession.isSecure(request)))
            return response
        } catch let error as OpsError where error.kind == .unauthorized {
            let message = secret.isEmpty ? "Paste an API key to sign in." : "That key was not accepted: \(error.message)."
            return renderer.page("login", view: LoginView(next: next, error: message, expired: false), title: "Sign in",
                                 key: nil, status: .unauthorized)
        }
    }

    func logout(_ request: Request, context: OpsRequestContext) async throws -> Response {
        var response = Response(status: .seeOther, headers: [.location: "/login"])
        response.setCookie(ConsoleSession.clearingCookie(secure: ConsoleSession.isSecure(request)))
        return response
    }
}
