import Crypto
import Foundation
import NIOCore
import OpsCore

/// CSRF tokens of console forms. Every posted form carries `_csrf`, an HMAC-SHA256 keyed by the
/// token in one of the browser's cookies: the session's for signed-in forms, the `llmops_login`
/// cookie's for the sign-in form. Another site can make a browser post, but cannot read the
/// HttpOnly cookie or the page, so it cannot compute the field; nothing is stored for it.
enum ConsoleCSRF {
    static let fieldName = "_csrf"

    enum Purpose: String {
        case session, login
    }

    /// The token rendered into forms, set while a console page is handled, so the renderer adds it
    /// to every form it draws.
    @TaskLocal static var current: String?

    /// The form token bound to `cookieToken`.
    static func token(boundTo cookieToken: String, purpose: Purpose) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("llmops-console-csrf:\(purpose.rawValue)".utf8),
                                                  using: SymmetricKey(data: Array(cookieToken.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `submitted` is the token bound to `cookieToken` (compared in constant time).
    static func isValid(_ submitted: String?, boundTo cookieToken: String?, purpose: Purpose) -> Bool {
        guard let submitted, let cookieToken else { return false }
        return KeySecret.constantTimeEquals(submitted, token(boundTo: cookieToken, purpose: purpose))
    }

    /// The `_csrf` field of a URL-encoded form body.
    static func submitted(in body: ByteBuffer) -> String? {
        let text = String(buffer: body)
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == fieldName else { continue }
            return String(parts[1]).removingPercentEncoding
        }
        return nil
    }

    /// `html` with a hidden `_csrf` field first in each `<form method="post">`.
    static func addingFields(to html: String, token: String) -> String {
        let field = "<input type=\"hidden\" name=\"\(fieldName)\" value=\"\(token)\">"
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = html[...]
        while let open = rest.range(of: "<form") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[open.lowerBound...close]
            out += rest[..<close]
            out += ">"
            if tag.lowercased().contains("method=\"post\"") { out += field }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }
}
