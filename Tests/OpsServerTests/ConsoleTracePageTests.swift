import Foundation
import Hummingbird
import HummingbirdTesting
import OpsCore
@testable import OpsServer
import XCTest

final class ConsoleTracePageTests: XCTestCase {
    func testDashboardShowsTotalsChartsAndTheModelTable() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.addTrace(id: "t1", minutesAgo: 3, latencyMs: 100)
        try await console.addTrace(id: "t2", minutesAgo: 40, latencyMs: 300)
        try await console.addTrace(id: "t3", minutesAgo: 90, model: "other-model", status: .error, answer: nil, error: "boom")
        try await console.addTrace(id: "t4", minutesAgo: 5, project: "beta")
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/?range=24h", method: .get, headers: console.sessionHeaders) { response in
                XCTAssertEqual(response.status, .ok)
                let html = response.html
                XCTAssertTrue(html.contains("<div class=\"label\">Requests</div><div class=\"value\">3</div>"), "other projects are not counted")
                XCTAssertTrue(html.contains("<div class=\"label\">Errors</div><div class=\"value\">1</div>"))
                XCTAssertTrue(html.contains("33.3% of requests"))
                XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4)
                for title in ["Requests and errors", "Latency p50 and p95", "Tokens", "Cost (USD)"] {
                    XCTAssertTrue(html.contains(">\(title)</title>"), title)
                }
                XCTAssertTrue(html.contains("<a href=\"/traces?model=mock-model\">mock-model</a>"))
                XCTAssertTrue(html.contains("class=\"selected\">Last 24 hours</a>"))
                XCTAssertTrue(html.contains("project <strong>alpha</strong>"))
            }
            try await client.execute(uri: "/?range=1h", method: .get, headers: console.sessionHeaders) { response in
                XCTAssertTrue(response.html.contains("<div class=\"label\">Requests</div><div class=\"value\">2</div>"))
            }
        }
    }

    func testTracesListShowsRowsFiltersAndPages() async throws {
        let console = try await ConsoleTestApp.make()
        for i in 0..<55 { try await console.addTrace(id: String(format: "t%02d", i), minutesAgo: Double(i), user: i == 7 ? "grace" : "ada") }
        try await console.application.test(.router) { client in
            let first = try await client.execute(uri: "/traces", method: .get, headers: console.sessionHeaders) { $0 }
            XCTAssertEqual(first.status, .ok)
            XCTAssertEqual(first.html.components(separatedBy: "class=\"trace-row\"").count - 1, 50)
            XCTAssertTrue(first.html.contains("<a class=\"trace-link\" href=\"/traces/t00\">2026-01-01 12:00:00 UTC</a>"))
            let next = try XCTUnwrap(first.html.range(of: "id=\"next-page\" href=\"")
                .map { String(first.html[$0.upperBound...].prefix { $0 != "\"" }) })
            let decodedNext = next.replacingOccurrences(of: "&amp;", with: "&")
            let second = try await client.execute(uri: decodedNext, method: .get, headers: console.sessionHeaders) { $0 }
            XCTAssertEqual(second.html.components(separatedBy: "class=\"trace-row\"").count - 1, 5)
            XCTAssertFalse(second.html.contains("next-page"))

            let filtered = try await client.execute(uri: "/traces?model=&status=ok&user=grace&session_id=&tag=", method: .get,
                                                    headers: console.sessionHeaders) { $0 }
            XCTAssertEqual(filtered.html.components(separatedBy: "class=\"trace-row\"").count - 1, 1, "blank fields do not filter")
            XCTAssertTrue(filtered.html.contains("<input name=\"user\" value=\"grace\">"))
            XCTAssertTrue(filtered.html.contains("<option value=\"ok\" selected>ok</option>"))
            XCTAssertTrue(filtered.html.contains("<td><a href=\"/traces?user=grace\">grace</a></td>"))

            // t00…t54 are 0…54 minutes before noon; from 11:50 up to (not including) 11:55 holds t06…t10.
            let window = try await client.execute(uri: "/traces?from=2026-01-01T11:50:00Z&to=1767268500", method: .get,
                                                  headers: console.sessionHeaders) { $0 }
            XCTAssertEqual(window.html.components(separatedBy: "class=\"trace-row\"").count - 1, 5, window.html)
            XCTAssertTrue(window.html.contains("href=\"/traces/t06\""))
            let badTime = try await client.execute(uri: "/traces?from=yesterday", method: .get, headers: console.sessionHeaders) { $0 }
            XCTAssertEqual(badTime.status, .badRequest)
            XCTAssertTrue(badTime.html.contains("from must be an RFC 3339 time or Unix seconds, got &#39;yesterday&#39;"))

            let bad = try await client.execute(uri: "/traces?status=maybe", method: .get, headers: console.sessionHeaders) { $0 }
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.html.contains("status must be ok or error, got &#39;maybe&#39;"), bad.html)
        }
    }

    func testARowWithoutUserOrSessionHasEmptyCellsEvenWhileFiltering() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.addTrace(id: "anon", user: nil, session: nil, tags: ["x"])
        try await console.application.test(.router) { client in
            let page = try await client.execute(uri: "/traces?tag=x", method: .get, headers: console.sessionHeaders) { $0 }
            XCTAssertTrue(page.html.contains("<td class=\"num\">$0.0002</td><td></td><td></td></tr>"), page.html)
        }
    }

    func testTraceDetailShowsMetadataMessagesOutputAndRawJSON() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.addTrace(id: "t1", tags: ["prod"], prompt: "<script>alert('x')</script> What is 2+2?", answer: "Four & nothing else.")
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/traces/t1", method: .get, headers: console.sessionHeaders) { response in
                XCTAssertEqual(response.status, .ok)
                let html = response.html
                XCTAssertTrue(html.contains("<dd id=\"trace-model\">mock-model</dd>"))
                XCTAssertTrue(html.contains("<div class=\"role\">system</div><pre class=\"content\">Be brief.</pre>"))
                XCTAssertTrue(html.contains("<div class=\"role\">assistant</div><pre class=\"content\">Four &amp; nothing else.</pre>"))
                XCTAssertFalse(html.contains("<script>"), "trace content is escaped")
                XCTAssertTrue(html.contains("&lt;script&gt;"))
                XCTAssertTrue(html.contains("<table id=\"generations\">"))
                XCTAssertTrue(html.contains("<td>stop</td>"))
                XCTAssertTrue(html.contains("<details><summary>Raw JSON</summary><pre id=\"raw-json\">{\n  &quot;id&quot;: &quot;t1&quot;"))
                XCTAssertTrue(html.contains("prod"))
            }
        }
    }

    func testFailedTraceShowsItsError() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.addTrace(id: "bad", status: .error, answer: nil, error: "Upstream returned 500")
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/traces/bad", method: .get, headers: console.sessionHeaders) { response in
                XCTAssertTrue(response.html.contains("<div class=\"notice error\" id=\"trace-error\">Upstream returned 500</div>"))
                XCTAssertTrue(response.html.contains("No output."))
            }
        }
    }

    func testTracesOfOtherProjectsAreNotFound() async throws {
        let console = try await ConsoleTestApp.make()
        try await console.addTrace(id: "secret", project: "beta")
        try await console.application.test(.router) { client in
            try await client.execute(uri: "/traces/secret", method: .get, headers: console.sessionHeaders) { response in
                XCTAssertEqual(response.status, .notFound)
                XCTAssertTrue(response.html.contains("No trace &#39;secret&#39; in project &#39;alpha&#39;."))
            }
        }
    }
}
