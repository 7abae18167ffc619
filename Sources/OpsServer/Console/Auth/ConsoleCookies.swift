import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The console's cookies: `llmops_session` holds a signed-in browser's session token (the store
/// keeps only its SHA-256, see `ConsoleSessions`), `llmops_login` a random value the sign-in form's
/// CSRF token is bound to. Both are `HttpOnly` (no script reads them), `SameSite=Strict` (no other
/// site makes the browser send them) and `Secure` when `server.secure_cookies` is set.
enum ConsoleCookies {
    static let sessionName = "llmops_session"
    static let loginName = "llmops_login"
    /// How long the sign-in form stays usable.
    static let loginMaxAge = 3_600

    /// A new random token: 32 bytes from the system CSPRNG, as 64 hex digits.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for _ in 0..<32 {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The token in cookie `name`, when it has the shape `newToken` gives (anything else is ignored
    /// without a store lookup).
    static func token(_ name: String, in request: Request) -> String? {
        guard let value = request.cookies[name]?.value, value.utf8.count == 64,
              value.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return value
    }

    /// Whether the request carries cookie `name` at all (even a malformed one).
    static func has(_ name: String, in request: Request) -> Bool { request.cookies[name] != nil }

    static func session(_ token: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: sessionName, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func login(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: loginName, value: token, maxAge: loginMaxAge, path: "/login", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// The cookie that removes `name` (expired at once).
    static func clearing(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: name == loginName ? "/login" : "/", secure: secure, httpOnly: true,
               sameSite: .strict)
    }
}
