import Foundation
import OpsCore
@testable import OpsServer
import XCTest

/// Every console form carries the CSRF token of the browser's session (the sign-in form one bound
/// to its `llmops_login` cookie); a post without the right token is a 403 page and changes
/// nothing. Every response carries the headers that keep browsers from sniffing, leaking the
/// referrer, framing, or rebasing the page.
final class ConsoleCSRFTests: XCTestCase {
    func testEveryConsolePostWithoutTheSessionsTokenIsRefusedAndChangesNothing() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 2)
        let queueID = try await QueuesAPITests.queue(gw, traceIDs: [traces[0]])
        let browser = ConsoleBrowser(base: gw.base)
        try await browser.signIn(gw.developer)
        _ = try await browser.get("/review")
        let other = ConsoleBrowser(base: gw.base)
        try await other.signIn(gw.developer)
        _ = try await other.get("/review")
        let othersToken = try XCTUnwrap(other.csrf)
        XCTAssertNotEqual(othersToken, browser.csrf, "each session has its own token")
        let tracesBefore = try await gw.traces(key: gw.admin).count

        // Every route a console form posts to.
        let posts: [(String, [(String, String)])] = [
            ("/traces/\(traces[1])/queue", [("queue", queueID)]),
            ("/prompts/greeting/playground", [("model", "mock-model")]),
            ("/experiments/run_missing/queue", [("queue", queueID)]),
            ("/review/score-definitions", [("name", "forged"), ("kind", "boolean"), ("min", ""), ("max", ""), ("categories", "")]),
            ("/review/queues", [("name", "forged"), ("score_definitions", "tone"), ("source", "trace_ids"), ("trace_ids", traces[1])]),
            ("/review/\(queueID)/next", []),
            ("/review/\(queueID)/items/0/complete", [("score.helpfulness", "4"), ("score.tone", "friendly")]),
            ("/review/\(queueID)/items/0/skip", []),
            ("/logout", []),
        ]
        for (path, fields) in posts {
            for token: String? in [nil, "", String(repeating: "0", count: 64), othersToken] {
                let reply = try await browser.post(path, fields, csrf: .some(token))
                assertPage(reply, status: 403, contains: ["<h1>Not allowed</h1>", "This form could not be verified", "Nothing was changed"])
            }
        }

        let status1 = try await browser.get("/").status
        XCTAssertEqual(status1, 200, "the refused sign-out left the session alone")
        let definitions = try await gw.get("/api/score-definitions", key: gw.viewer).json["data"]?.arrayValue ?? []
        XCTAssertFalse(definitions.contains { $0["name"]?.stringValue == "forged" })
        let queues = try await gw.get("/api/queues", key: gw.viewer).json["data"]?.arrayValue ?? []
        XCTAssertEqual(queues.count, 1, "no queue was created")
        let queue = try await gw.get("/api/queues/\(queueID)", key: gw.viewer)
        XCTAssertEqual(queue.json["item_count"], 1, "no trace was added")
        let item = try await gw.get("/api/queues/\(queueID)/items/0", key: gw.viewer)
        XCTAssertEqual(item.json["state"], "pending", "nothing was taken, scored or skipped")
        let tracesAfter = try await gw.traces(key: gw.admin).count
        XCTAssertEqual(tracesAfter, tracesBefore, "the playground called no model")

        // The same form with the page's token goes through.
        let made = try await browser.post("/review/score-definitions",
                                          [("name", "genuine"), ("kind", "boolean"), ("min", ""), ("max", ""), ("categories", "")])
        XCTAssertTrue(made.status == 200 || made.status == 303, made.text)
        let after = try await gw.get("/api/score-definitions", key: gw.viewer).json["data"]?.arrayValue ?? []
        XCTAssertTrue(after.contains { $0["name"]?.stringValue == "genuine" })
    }

    func testEveryPostFormOnThePagesCarriesTheToken() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let traces = try await QueuesAPITests.prepare(gw, traces: 1)
        let queueID = try await QueuesAPITests.queue(gw, traceIDs: traces)
        let pushed = try await gw.post("/api/prompts", ["name": "greeting", "type": "text", "text": "Hi {{name}}"], key: gw.developer)
        XCTAssertEqual(pushed.status, 201, pushed.text)
        let browser = ConsoleBrowser(base: gw.base)
        try await browser.signIn(gw.developer)
        let token = try XCTUnwrap(browser.cookies["llmops_session"])
        let expected = ConsoleCSRF.token(boundTo: token, purpose: .session)
        var forms = 0
        for path in ["/", "/traces/\(traces[0])", "/review", "/review/\(queueID)", "/prompts/greeting/playground", "/experiments"] {
            let page = try await browser.get(path)
            XCTAssertEqual(page.status, 200, path)
            let posts = page.text.components(separatedBy: #"method="post""#).count - 1
            let fields = page.text.components(separatedBy: #"<input type="hidden" name="_csrf" value="\#(expected)">"#).count - 1
            XCTAssertGreaterThan(posts, 0, path)
            XCTAssertEqual(fields, posts, "every post form of \(path) carries the session's token")
            forms += posts
        }
        XCTAssertGreaterThanOrEqual(forms, 10)
    }

    func testTheSignInFormNeedsItsCookiesToken() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        // No form fetched: no cookie, no token.
        let blind = ConsoleBrowser(base: gw.base)
        let forged = try await blind.post("/login", [("api_key", gw.viewer), ("next", "/")])
        assertPage(forged, status: 403, contains: ["The sign-in form could not be verified"])
        XCTAssertFalse(forged.headers.contains { $0.1.hasPrefix("llmops_session=") }, "no session was started")

        // A token from another browser's form does not fit this browser's cookie.
        let mine = ConsoleBrowser(base: gw.base)
        _ = try await mine.get("/login")
        let theirs = ConsoleBrowser(base: gw.base)
        _ = try await theirs.get("/login")
        let crossed = try await mine.post("/login", [("api_key", gw.viewer)], csrf: .some(theirs.csrf))
        XCTAssertEqual(crossed.status, 403)
        XCTAssertNil(mine.cookies["llmops_session"])
        let missing = try await mine.post("/login", [("api_key", gw.viewer)], csrf: .some(nil))
        XCTAssertEqual(missing.status, 403)
        XCTAssertNil(mine.cookies["llmops_session"])

        // The refused page hands out a fresh form, which works.
        let ok = try await mine.post("/login", [("api_key", gw.viewer), ("next", "/traces")])
        XCTAssertEqual(ok.status, 303)
        XCTAssertNotNil(mine.cookies["llmops_session"])
    }

    func testEveryResponseCarriesTheSecurityHeaders() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let browser = ConsoleBrowser(base: gw.base)
        let login = try await browser.get("/login")
        try await browser.signIn(gw.viewer)
        var replies: [(String, GatewayHarness.Reply)] = [
            ("/login", login), ("console page", try await browser.get("/traces")), ("console redirect", try await ConsoleBrowser(base: gw.base).get("/")),
            ("/health", try await gw.get("/health", key: nil)), ("/v1/models", try await gw.get("/v1/models", key: gw.viewer)),
            ("401", try await gw.get("/api/traces", key: nil)), ("404", try await gw.get("/no/such/path", key: nil)),
            ("chat", try await gw.post("/v1/chat/completions", GatewayHarness.chat("hi"), key: gw.developer)),
        ]
        replies.append(("console 404", try await browser.get("/traces/nope")))
        for (what, reply) in replies {
            XCTAssertEqual(reply.header("x-content-type-options"), "nosniff", what)
            XCTAssertEqual(reply.header("referrer-policy"), "no-referrer", what)
            let csp = reply.header("content-security-policy") ?? ""
            XCTAssertTrue(csp.contains("base-uri 'none'"), "\(what): \(csp)")
            XCTAssertTrue(csp.contains("frame-ancestors 'none'"), "\(what): \(csp)")
            XCTAssertFalse(csp.contains("script-src"), "no scripts anywhere: \(what)")
        }
        for page in [login, try await browser.get("/traces")] {
            XCTAssertTrue(page.header("content-security-policy")?.contains("style-src 'self' 'unsafe-inline'") == true,
                          "console pages keep their inline styles")
        }
        XCTAssertTrue(login.text.contains("style=\""), "the templates do use style attributes")
    }
}
