import Foundation
import OpsCore
@testable import OpsServer
import OpsTesting
import XCTest

/// Console sign-in through the real server and its login form: the cookie holds a random session
/// token (the store only its hash), and the session ends at sign-out, at expiry, and when the key
/// is revoked or expires.
final class ConsoleSessionTests: XCTestCase {
    func testSignInStartsAServerSideSessionWhoseCookieIsNotTheKey() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let browser = ConsoleBrowser(base: gw.base)
        let form = try await browser.get("/login?next=%2Ftraces")
        XCTAssertEqual(form.status, 200)
        let loginCookie = try XCTUnwrap(form.header("set-cookie"))
        XCTAssertTrue(loginCookie.hasPrefix("llmops_login="), loginCookie)
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/login"] { XCTAssertTrue(loginCookie.contains(attribute), loginCookie) }
        XCTAssertFalse(loginCookie.contains("Secure"), "not Secure unless configured")
        XCTAssertNotNil(browser.csrf, "the sign-in form carries a CSRF field")

        let signedIn = try await browser.post("/login", [("api_key", gw.viewer), ("next", "/traces")])
        XCTAssertEqual(signedIn.status, 303)
        XCTAssertEqual(signedIn.header("location"), "/traces")
        let sessionCookie = try XCTUnwrap(signedIn.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("llmops_session=") }?.1)
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
            XCTAssertTrue(sessionCookie.contains(attribute), sessionCookie)
        }
        let token = try XCTUnwrap(browser.cookies["llmops_session"])
        XCTAssertEqual(token.count, 64, "32 random bytes in hex")
        XCTAssertFalse(sessionCookie.contains(gw.viewer), "the key never goes into a cookie")
        XCTAssertNil(browser.cookies["llmops_login"], "the sign-in cookie is dropped once signed in")

        let stored = try await gw.server.services.store.consoleSession(tokenHash: KeySecret.hash(token))
        XCTAssertEqual(stored?.key.name, "viewer")
        XCTAssertEqual(stored?.session.project, "alpha")
        let byToken = try await gw.server.services.store.consoleSession(tokenHash: token)
        XCTAssertNil(byToken, "the store keeps the token's hash, not the token")
        assertPage(try await browser.get("/traces"), contains: ["project <strong>alpha</strong> · viewer key"])
    }

    func testSignOutEndsTheSessionOnTheServer() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let browser = ConsoleBrowser(base: gw.base)
        try await browser.signIn(gw.viewer)
        let token = try XCTUnwrap(browser.cookies["llmops_session"])
        _ = try await browser.get("/")

        let refused = try await browser.post("/logout", [], csrf: .some(nil))
        assertPage(refused, status: 403, contains: ["This form could not be verified", "Nothing was changed"])
        let status1 = try await browser.get("/").status
        XCTAssertEqual(status1, 200, "a sign-out without the CSRF token ends nothing")

        let out = try await browser.post("/logout", [])
        XCTAssertEqual(out.status, 303)
        XCTAssertEqual(out.header("location"), "/login")
        XCTAssertNil(browser.cookies["llmops_session"], "the cookie is cleared")
        let stored = try await gw.server.services.store.consoleSession(tokenHash: KeySecret.hash(token))
        XCTAssertNil(stored)

        // A copy of the old cookie no longer signs anyone in.
        let replay = ConsoleBrowser(base: gw.base)
        replay.setCookie("llmops_session", token)
        let page = try await replay.get("/")
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.header("location"), "/login?next=%2F&expired=1")
    }

    func testTheSessionExpiresAfterItsLifetime() async throws {
        let clock = ManualClock()
        let gw = try await GatewayHarness.start(clock: clock) { $0.server.auth.sessionTTLSeconds = 600 }
        addTeardownBlock { await gw.stop() }
        let browser = ConsoleBrowser(base: gw.base)
        let signedIn = try await browser.signIn(gw.viewer)
        XCTAssertTrue(signedIn.header("set-cookie")?.contains("Max-Age=600") == true)
        let token = try XCTUnwrap(browser.cookies["llmops_session"])
        clock.advance(by: 599)
        let status2 = try await browser.get("/").status
        XCTAssertEqual(status2, 200)
        clock.advance(by: 1)
        let expired = try await browser.get("/")
        XCTAssertEqual(expired.status, 303)
        XCTAssertEqual(expired.header("location"), "/login?next=%2F&expired=1")
        let stored = try await gw.server.services.store.consoleSession(tokenHash: KeySecret.hash(token))
        XCTAssertNil(stored, "an expired session is deleted when it is presented")
    }

    func testRevokingTheKeyEndsItsSessions() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let created = try await gw.post("/api/keys", ["role": "viewer", "name": "short-lived"], key: gw.admin)
        let secret = try XCTUnwrap(created.json["key"]?.stringValue)
        let id = try XCTUnwrap(created.json["id"]?.stringValue)
        let browser = ConsoleBrowser(base: gw.base)
        try await browser.signIn(secret)
        let status3 = try await browser.get("/").status
        XCTAssertEqual(status3, 200)
        let status4 = try await gw.send(.DELETE, "/api/keys/\(id)", key: gw.admin).status
        XCTAssertEqual(status4, 200)
        let after = try await browser.get("/")
        XCTAssertEqual(after.status, 303)
        XCTAssertEqual(after.header("location"), "/login?next=%2F&expired=1")
        let again = try await browser.signIn(secret)
        XCTAssertEqual(again.status, 401, "a revoked key cannot sign in again")
    }

    func testAnExpiringKeyEndsItsSessionWhenItExpires() async throws {
        let clock = ManualClock()
        let gw = try await GatewayHarness.start(clock: clock)
        addTeardownBlock { await gw.stop() }
        let created = try await gw.post("/api/keys", ["role": "viewer", "expires_in": "1h"], key: gw.admin)
        let secret = try XCTUnwrap(created.json["key"]?.stringValue)
        let browser = ConsoleBrowser(base: gw.base)
        let signedIn = try await browser.signIn(secret)
        XCTAssertEqual(signedIn.status, 303)
        clock.advance(by: 3_599)
        let status5 = try await browser.get("/").status
        XCTAssertEqual(status5, 200)
        clock.advance(by: 1)
        let status6 = try await browser.get("/").status
        XCTAssertEqual(status6, 303, "the session ends with its key, well before its 12 hours")
    }

    func testSecureCookiesWhenConfigured() async throws {
        let gw = try await GatewayHarness.start { $0.server.auth.secureCookies = true }
        addTeardownBlock { await gw.stop() }
        let browser = ConsoleBrowser(base: gw.base)
        let form = try await browser.get("/login")
        XCTAssertTrue(form.header("set-cookie")?.contains("Secure") == true)
        let signedIn = try await browser.signIn(gw.viewer)
        XCTAssertTrue(signedIn.header("set-cookie")?.contains("Secure") == true)
        _ = try await browser.get("/")
        let out = try await browser.post("/logout", [])
        XCTAssertTrue(out.header("set-cookie")?.contains("Secure") == true)
    }

    func testSessionSettingsAreReadFromTheFileAndTheEnvironment() throws {
        let config = try ConfigLoader.load(yaml: "server: { session_ttl_s: 900, secure_cookies: true }")
        XCTAssertEqual(config.server.auth.sessionTTLSeconds, 900)
        XCTAssertTrue(config.server.auth.secureCookies)
        let defaults = try ConfigLoader.load(yaml: "")
        XCTAssertEqual(defaults.server.auth.sessionTTLSeconds, 43_200)
        XCTAssertFalse(defaults.server.auth.secureCookies)
        let env = try ConfigLoader.load(yaml: "server: { secure_cookies: false }",
                                        environment: ["LLMOPS_SERVER_SECURE_COOKIES": "true", "LLMOPS_SERVER_SESSION_TTL_S": "120",
                                                      "LLMOPS_SERVER_AUTH_FAILURES_PER_ADDRESS": "5",
                                                      "LLMOPS_SERVER_CLIENT_ADDRESS_HEADER": "X-Forwarded-For"])
        XCTAssertTrue(env.server.auth.secureCookies)
        XCTAssertEqual(env.server.auth.sessionTTLSeconds, 120)
        XCTAssertEqual(env.server.auth.failuresPerAddress, 5)
        XCTAssertEqual(env.server.auth.clientAddressHeader, "X-Forwarded-For")
        for (yaml, key) in [("server: { session_ttl_s: 1e300 }", "server.session_ttl_s"), ("server: { session_ttl_s: 5 }", "server.session_ttl_s"),
                            ("server: { secure_cookies: maybe }", "server.secure_cookies"),
                            ("server: { auth_failures_per_prefix: 0 }", "server.auth_failures_per_prefix"),
                            ("server: { client_address_header: 'a b' }", "server.client_address_header")] {
            XCTAssertThrowsError(try ConfigLoader.load(yaml: yaml), yaml) { error in
                XCTAssertEqual((error as? ConfigError)?.key, key, "\(error)")
            }
        }
    }

    /// Two replicas on one PostgreSQL: a session started on one is honoured, and ended, on the other.
    func testSessionsHoldAcrossReplicasOnPostgres() async throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            XCTFail("LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
            return
        }
        let url = base + (base.contains("?") ? "&" : "?") + "schema=sessions_" + Identifier.hex(bytes: 6)
        let a = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await a.stop() }
        let b = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await b.stop() }
        let onA = ConsoleBrowser(base: a.base)
        let status7 = try await onA.signIn(a.viewer).status
        XCTAssertEqual(status7, 303)
        let onB = ConsoleBrowser(base: b.base)
        onB.setCookie("llmops_session", onA.cookies["llmops_session"])
        assertPage(try await onB.get("/"), contains: ["project <strong>alpha</strong> · viewer key"])
        let status8 = try await onB.post("/logout", []).status
        XCTAssertEqual(status8, 303)
        let status9 = try await onA.get("/").status
        XCTAssertEqual(status9, 303, "signing out on one replica ends the session on the other")
    }
}
