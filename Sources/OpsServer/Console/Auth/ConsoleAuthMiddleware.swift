import Foundation
import HTTPTypes
import Hummingbird
import OpsCore

/// Guards console pages: a request whose session cookie holds an active key gets that key in the
/// context (as the API's `KeyAuthMiddleware` does); any other is redirected to `/login`, with the
/// page it wanted in `next` so the login can send the browser back there.
struct ConsoleAuthMiddleware: RouterMiddleware {
    typealias Context = OpsRequestContext
    let authenticator: KeyAuthenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let key: APIKey
        do {
            key = try await authenticator.authenticate(secret: ConsoleSession.secret(in: request))
        } catch let error as OpsError where error.kind == .unauthorized {
            return Self.redirectToLogin(from: request, hadSession: ConsoleSession.secret(in: request) != nil)
        }
        var context = context
        context.key = key
        context.fromConsole = true
        return try await next(request, context)
    }

    static func redirectToLogin(from request: Request, hadSession: Bool) -> Response {
        var target = "/login?next=" + (request.uri.description.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F")
        if hadSession { target += "&expired=1" }
        var response = Response(status: .seeOther, headers: [.location: target])
        // A cookie that no longer authenticates (revoked key) is dropped so the browser stops sending it.
        if hadSession { response.setCookie(ConsoleSession.clearingCookie(secure: ConsoleSession.isSecure(request))) }
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
