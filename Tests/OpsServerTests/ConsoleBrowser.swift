import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// A minimal browser for console tests against the real server: it keeps cookies, does not follow
/// redirects (so tests see each `Set-Cookie` and `Location`), and posts forms with the CSRF field
/// of the last page it was shown, as a browser submitting that page's form does.
final class ConsoleBrowser: Sendable {
    /// One client for every browser, never shut down: it does not follow redirects, unlike the harness's.
    private static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                           configuration: .init(redirectConfiguration: .disallow))

    struct State {
        var cookies: [String: String] = [:]
        var csrf: String?
    }

    let base: String
    /// Extra headers on every request (e.g. a forwarded-for header).
    let headers: [(String, String)]
    private let state = Mutex(State())

    init(base: String, headers: [(String, String)] = []) {
        self.base = base
        self.headers = headers
    }

    var cookies: [String: String] { state.withLock { $0.cookies } }
    /// The `_csrf` value of the last page that had one.
    var csrf: String? { state.withLock { $0.csrf } }

    func setCookie(_ name: String, _ value: String?) { state.withLock { $0.cookies[name] = value } }

    func get(_ path: String) async throws -> GatewayHarness.Reply {
        try await send(.GET, path, body: nil)
    }

    /// Posts `fields` URL-encoded, with `_csrf` from the last page first unless `csrf` overrides it
    /// (pass `.some(nil)` to send none).
    func post(_ path: String, _ fields: [(String, String)], csrf override: String?? = .none) async throws -> GatewayHarness.Reply {
        let token: String? = override ?? csrf
        let all = (token.map { [("_csrf", $0)] } ?? []) + fields
        return try await send(.POST, path, body: Self.encode(all))
    }

    /// Signs in through the login form with `key`; returns the answer to the form's post.
    @discardableResult
    func signIn(_ key: String, next: String = "/") async throws -> GatewayHarness.Reply {
        _ = try await get("/login")
        return try await post("/login", [("api_key", key), ("next", next)])
    }

    static func encode(_ fields: [(String, String)]) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return fields.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)="
            + $0.1.addingPercentEncoding(withAllowedCharacters: allowed)! }.joined(separator: "&")
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> GatewayHarness.Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        let jar = cookies
        if !jar.isEmpty { request.headers.add(name: "cookie", value: jar.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        for (n, v) in headers { request.headers.add(name: n, value: v) }
        if let body {
            request.headers.add(name: "content-type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.client.execute(request, timeout: .seconds(30))
        var buffer = try await response.body.collect(upTo: 64 << 20)
        let reply = GatewayHarness.Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                                         body: buffer.readBytes(length: buffer.readableBytes) ?? [])
        state.withLock { s in
            for (name, value) in reply.headers where name.lowercased() == "set-cookie" {
                guard let pair = value.split(separator: ";").first, let eq = pair.firstIndex(of: "=") else { continue }
                let cookie = String(pair[..<eq]).trimmingCharacters(in: .whitespaces)
                let content = String(pair[pair.index(after: eq)...])
                s.cookies[cookie] = value.contains("Max-Age=0") || content.isEmpty ? nil : content
            }
            if let token = Self.csrfField(in: reply.text) { s.csrf = token }
        }
        return reply
    }

    /// The value of the first `_csrf` hidden field in `html`.
    static func csrfField(in html: String) -> String? {
        guard let start = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
