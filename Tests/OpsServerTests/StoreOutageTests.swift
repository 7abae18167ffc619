import Foundation
import OpsCore
import XCTest

/// When the store cannot be reached the API answers 503 with `Retry-After` and a message that
/// names no host, user, driver or SQL, `/ready` says "store unreachable", and service resumes
/// once the store is back. The outage is real: the network between the server and PostgreSQL is
/// cut. Needs `LLMOPS_TEST_POSTGRES_URL` (`make test` sets it).
final class StoreOutageTests: XCTestCase {
    func testAnUnreachableStoreIs503WithoutItsWords() async throws {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"], let real = URLComponents(string: base), let port = real.port else {
            return XCTFail("LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
        }
        let proxy = try CuttableTCPProxy(targetPort: port)
        var routed = real
        routed.host = "127.0.0.1"
        routed.port = proxy.port
        let schema = "outage_" + Identifier.hex(bytes: 6)
        let url = routed.string! + (base.contains("?") ? "&" : "?") + "schema=" + schema
        let gw = try await GatewayHarness.start(storageURL: url)
        addTeardownBlock {
            await gw.stop()
            proxy.stop()
        }
        let before = try await gw.get("/api/traces", key: gw.viewer)
        XCTAssertEqual(before.status, 200, before.text)

        proxy.cut()
        for path in ["/api/traces", "/api/prompts", "/api/datasets"] {
            let reply = try await gw.get(path, key: gw.viewer)
            XCTAssertEqual(reply.status, 503, "\(path): \(reply.text)")
            XCTAssertEqual(reply.header("retry-after"), "2", path)
            XCTAssertEqual(reply.json["error"]?["code"]?.stringValue, "store_unavailable", reply.text)
            for secret in ["127.0.0.1", "\(proxy.port)", "llmops", "postgres", "Postgres", "SQLSTATE", schema, "connect"] {
                XCTAssertFalse(reply.text.contains(secret), "\(path) leaks '\(secret)': \(reply.text)")
            }
        }
        let ready = try await gw.get("/ready", key: nil)
        XCTAssertEqual(ready.status, 503)
        XCTAssertEqual(ready.json["store"]?.stringValue, "store unreachable", ready.text)
        XCTAssertEqual(ready.header("retry-after"), "2")

        proxy.mend()
        let readyAgain = try await gw.get("/ready", key: nil)
        XCTAssertEqual(readyAgain.status, 200, readyAgain.text)
        let after = try await gw.get("/api/traces", key: gw.viewer)
        XCTAssertEqual(after.status, 200, after.text)
    }
}
