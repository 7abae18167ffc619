import Foundation
import NIOHTTP1
import OpsCore
import XCTest

/// Console pages through the real server: requests with a key's session cookie, and form posts.
extension GatewayHarness {
    /// `GET path` as a browser signed in with `key` (redirects followed).
    func page(_ path: String, as key: String) async throws -> Reply {
        try await send(.GET, path, key: nil, headers: [("cookie", "llmops_session=\(key)")])
    }

    /// Posts an HTML form as a browser signed in with `key`.
    func submit(_ path: String, _ fields: [(String, String)], as key: String) async throws -> Reply {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let body = fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)="
            + $0.1.addingPercentEncoding(withAllowedCharacters: allowed)! }.joined(separator: "&")
        return try await sendRaw(.POST, path, key: nil, body: body, contentType: "application/x-www-form-urlencoded",
                                 headers: [("cookie", "llmops_session=\(key)")])
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
