import Foundation
import NIOHTTP1
import OpsCore
import Synchronization
import XCTest

/// Console pages through the real server: requests as a browser signed in with a key (through the
/// login form, once per key), and form posts carrying the session's CSRF token.
extension GatewayHarness {
    /// Signed-in browsers by harness port and key, so each key signs in once.
    private static let browsers = Mutex<[String: ConsoleBrowser]>([:])

    /// A browser signed in with `key` (one that is not, when the key is refused).
    func browser(as key: String) async throws -> ConsoleBrowser {
        let id = "\(port)|\(key)"
        if let known = Self.browsers.withLock({ $0[id] }) { return known }
        let browser = ConsoleBrowser(base: base)
        if try await browser.signIn(key).status == 303 { _ = try await browser.get("/routes") }
        Self.browsers.withLock { $0[id] = browser }
        return browser
    }

    /// `GET path` as a browser signed in with `key` (redirects followed).
    func page(_ path: String, as key: String) async throws -> Reply {
        try await send(.GET, path, key: nil, headers: try await sessionHeaders(as: key))
    }

    /// Posts an HTML form as a browser signed in with `key`, with the session's CSRF field.
    func submit(_ path: String, _ fields: [(String, String)], as key: String) async throws -> Reply {
        let browser = try await browser(as: key)
        let all = (browser.csrf.map { [("_csrf", $0)] } ?? []) + fields
        return try await sendRaw(.POST, path, key: nil, body: ConsoleBrowser.encode(all),
                                 contentType: "application/x-www-form-urlencoded", headers: try await sessionHeaders(as: key))
    }

    private func sessionHeaders(as key: String) async throws -> [(String, String)] {
        let cookies = try await browser(as: key).cookies
        guard let session = cookies["llmops_session"] else { return [] }
        return [("cookie", "llmops_session=\(session)")]
    }
}

/// Asserts the HTML contains each fragment, printing the page when one is missing.
func assertPage(_ reply: GatewayHarness.Reply, status: Int = 200, contains fragments: [String],
                file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(reply.status, status, file: file, line: line)
    for fragment in fragments where !reply.text.contains(fragment) {
        XCTFail("page lacks \(fragment):\n\(reply.text.suffix(3000))", file: file, line: line)
    }
}
