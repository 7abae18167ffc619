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

    func testLoginSetsAStrictHttpOnlyCookieAndGoesToNext() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.application.test(.router) { client in
            let form = "api_key=\(console.viewerSecret)&next=%2Ftraces"
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: form)) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/traces")
                let cookie = response.headers[.setCookie] ?? ""
                XCTAssertTrue(cookie.hasPrefix("llmops_session=\(console.viewerSecret)"), cookie)
                XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
                XCTAssertTrue(cookie.contains("SameSite=Strict"), cookie)
                XCTAssertTrue(cookie.contains("Path=/"), cookie)
            }
            // `next` may only point back into this site.
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "api_key=\(console.viewerSecret)&next=https%3A%2F%2Fevil.example")) { response in
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

    func testLoginWithAWrongKeySaysSoAndSetsNoCookie() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "api_key=llmops-nope&next=%2F")) { response in
                XCTAssertEqual(response.status, .unauthorized)
                XCTAssertNil(response.headers[.setCookie])
                XCTAssertTrue(response.html.contains("That key was not accepted"))
            }
        }
    }

    func testLogoutClearsTheCookie() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/logout", method: .post, headers: console.sessionHeaders) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/login")
                XCTAssertTrue(response.headers[.setCookie]?.hasPrefix("llmops_session=;") == true)
            }
        }
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
