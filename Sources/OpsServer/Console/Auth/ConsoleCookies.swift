import Foundation
import HTTPTypes
import Hummingbird

/// The browser session of the console: a cookie named `llmops_session` that holds the API key
/// secret the user pasted on the login page.
///
/// Why the key itself rather than a server-side session id: it keeps the server stateless (any
/// replica can serve any browser, nothing to store or expire), and it is revocation-aware for
/// free, because every console request re-authenticates the secret through the same cached
/// `KeyAuthenticator` the API uses — revoking the key ends the console session within the
/// authenticator's cache lifetime. The cookie is `HttpOnly` (scripts cannot read the key),
/// `SameSite=Strict` (other sites cannot make the browser send it, which also guards the
/// console's POST forms against cross-site requests) and `Secure` when the request came over HTTPS.
enum ConsoleSession {
    static let cookieName = "llmops_session"

    /// How long the browser keeps the cookie: a working week; the key's own expiry still applies.
    static let maxAge = 7 * 86_400

    /// The secret in the request's session cookie, if any.
    static func secret(in request: Request) -> String? {
        guard let value = request.cookies[cookieName]?.value, !value.isEmpty else { return nil }
        return value.removingPercentEncoding
    }

    /// The cookie that starts a session for `secret`.
    static func cookie(for secret: String, secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: encode(secret), maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that ends the session (expired at once).
    static func clearingCookie(secure: Bool) -> Cookie {
        Cookie(name: cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// Whether the request reached us over HTTPS (directly or via a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("x-forwarded-proto")!]?.lowercased() == "https"
    }

    // Generated keys are base62 already; a key set through LLMOPS_ADMIN_KEY may hold characters
    // a cookie value cannot, so anything outside letters, digits, `-`, `_` and `.` is percent-encoded.
    private static let cookieSafe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")

    static func encode(_ secret: String) -> String {
        secret.addingPercentEncoding(withAllowedCharacters: cookieSafe) ?? ""
    }
}
