import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import OpsCore
@testable import OpsServer
import XCTest

final class ConsolePageTests: XCTestCase {
    func testTemplatesParse() throws {
        XCTAssertNoThrow(try ConsoleTemplates.library())
    }

    func testPagesRedirectToLoginWithoutASession() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.application.test(.router) { client in
            for path in ["/", "/traces", "/traces/abc?x=1"] {
                try await client.execute(uri: path, method: .get) { response in
                    XCTAssertEqual(response.status, .seeOther, path)
                    XCTAssertTrue(response.headers[.location]?.hasPrefix("/login?next=%2F") == true, path)
                }
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "llmops_session=llmops-wrong"]) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/login?next=%2F&expired=1")
                XCTAssertTrue(response.headers[.setCookie]?.contains("Max-Age=0") == true, "a dead session cookie is cleared")
            }
            try await client.execute(uri: "/login?next=%2Ftraces", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "text/html; charset=utf-8")
                XCTAssertTrue(response.html.contains("<form method=\"post\" action=\"/login\">"))
                XCTAssertTrue(response.html.contains("name=\"next\" value=\"/traces\""))
            }
        }
    }

    /// The sign-in form's cookie and CSRF field, as a browser gets them from `GET /login`.
    private func loginForm(_ client: some TestClientProtocol) async throws -> (cookie: String, csrf: String) {
        try await client.execute(uri: "/login", method: .get) { response in
            let cookie = try XCTUnwrap(response.headers[.setCookie]?.split(separator: ";").first?.split(separator: "=").last)
            let csrf = try XCTUnwrap(ConsoleBrowser.csrfField(in: response.html))
            return ("llmops_login=\(cookie)", csrf)
        }
    }

    func testLoginSetsAStrictHttpOnlySessionCookieAndGoesToNext() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.application.test(.router) { client in
            let form = try await loginForm(client)
            let body = "_csrf=\(form.csrf)&api_key=\(console.viewerSecret)&next=%2Ftraces"
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: form.cookie],
                                     body: ByteBuffer(string: body)) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/traces")
                let cookies = response.headers[values: .setCookie]
                let session = try XCTUnwrap(cookies.first { $0.hasPrefix("llmops_session=") })
                XCTAssertFalse(session.contains(console.viewerSecret), session)
                for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] { XCTAssertTrue(session.contains(attribute), session) }
                XCTAssertTrue(cookies.contains { $0.hasPrefix("llmops_login=;") && $0.contains("Max-Age=0") }, "\(cookies)")
            }
            // `next` may only point back into this site.
            let again = try await loginForm(client)
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: again.cookie],
                                     body: ByteBuffer(string: "_csrf=\(again.csrf)&api_key=\(console.viewerSecret)&next=https%3A%2F%2Fevil.example")) { response in
                XCTAssertEqual(response.headers[.location], "/")
            }
        }
    }

    func testNextOnlyEverPointsIntoThisSite() {
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext("/traces?model=a"), "/traces?model=a")
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext(nil), "/")
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext("https://evil.example/"), "/")
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext("//evil.example/"), "/")
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext("/\\evil.example/"), "/")
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext("/x\r\nSet-Cookie: a=b"), "/")
        XCTAssertEqual(ConsoleAuthMiddleware.safeNext("/traces?user=a b"), "/")
    }

    func testLoginWithAWrongKeySaysSoAndStartsNoSession() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.application.test(.router) { client in
            let form = try await loginForm(client)
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: form.cookie],
                                     body: ByteBuffer(string: "_csrf=\(form.csrf)&api_key=llmops-nope&next=%2F")) { response in
                XCTAssertEqual(response.status, .unauthorized)
                XCTAssertFalse(response.headers[values: .setCookie].contains { $0.hasPrefix("llmops_session=") })
                XCTAssertTrue(response.html.contains("That key was not accepted"))
            }
        }
    }

    func testLogoutEndsTheSessionAndClearsTheCookie() async throws {
        let console = try await ConsoleTestApp.make()
        let csrf = ConsoleCSRF.token(boundTo: console.sessionToken, purpose: .session)
        try await console.application.test(.router) { client in
            var headers = console.sessionHeaders
            headers[.contentType] = "application/x-www-form-urlencoded"
            try await client.execute(uri: "/logout", method: .post, headers: headers, body: ByteBuffer(string: "_csrf=\(csrf)")) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/login")
                XCTAssertTrue(response.headers[.setCookie]?.hasPrefix("llmops_session=;") == true)
            }
        }
        let stored = try await console.store.consoleSession(tokenHash: KeySecret.hash(console.sessionToken))
        XCTAssertNil(stored)
    }

    func testARevokedKeyEndsTheSession() async throws {
        let console = try await ConsoleTestApp.make()
        _ = try await console.store.revokeKey(id: console.viewerKey.id, at: ConsoleTestApp.now)
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/", method: .get, headers: console.sessionHeaders) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/login?next=%2F&expired=1")
            }
        }
    }
}
