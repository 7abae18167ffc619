import Foundation
import OpsCore
import XCTest

/// The whole gateway on PostgreSQL: `storage.url: postgres://…` is opened, migrated and written
/// through the recorder like SQLite is. Needs `LLMOPS_TEST_POSTGRES_URL` (`make test` sets it).
final class PostgresGatewayTests: XCTestCase {
    func testCallsAreTracedIntoPostgres() async throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            return XCTFail("LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
        }
        let url = base + (base.contains("?") ? "&" : "?") + "schema=gw_" + Identifier.hex(bytes: 6)
        let gw = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock { await gw.stop() }
        let plain = try await gw.post("/v1/chat/completions", GatewayHarness.chat("to postgres", extra: [("user", "pg-user")]),
                                      key: gw.developer, headers: [("x-llmops-tags", "pg")])
        XCTAssertEqual(plain.status, 200, plain.text)
        let streamed = try await gw.post("/v1/chat/completions", GatewayHarness.chat("streamed", stream: true), key: gw.developer)
        XCTAssertTrue(streamed.text.hasSuffix("data: [DONE]\n\n"))
        let traces = try await gw.traces(key: gw.viewer)
        XCTAssertEqual(traces.count, 2)
        let tagged = try await gw.traces(key: gw.viewer, query: "tag=pg")
        XCTAssertEqual(tagged.first?["user"], "pg-user")
        XCTAssertEqual(tagged.first?["output"]?["content"], "echo: to postgres")
        let foreign = try await gw.traces(key: gw.otherProject)
        XCTAssertTrue(foreign.isEmpty)
    }
}
