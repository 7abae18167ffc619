import Foundation
import OpsCore
import XCTest

/// The prompt registry and datasets through the whole server on PostgreSQL, the same flows the
/// SQLite-backed tests run. Needs `LLMOPS_TEST_POSTGRES_URL` (`make test` sets it).
final class PostgresRegistryTests: XCTestCase {
    private func startOnPostgres() async throws -> GatewayHarness {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" { throw XCTSkip("LLMOPS_SKIP_POSTGRES=1") }
        guard let base = environment["LLMOPS_TEST_POSTGRES_URL"] else {
            // Like PostgresGatewayTests: a missing database fails the run rather than passing silently.
            throw OpsError(.unavailable, "LLMOPS_TEST_POSTGRES_URL is not set: run `bash scripts/start-postgres.sh` and export its URL")
        }
        let url = base + (base.contains("?") ? "&" : "?") + "schema=reg_" + Identifier.hex(bytes: 6)
        return try await GatewayHarness.start(storageURL: url)
    }

    func testStoredPromptOnPostgres() async throws {
        let gw = try await startOnPostgres()
        addTeardownBlock { await gw.stop() }
        try await PromptGatewayTests.storedPromptIsRenderedAndTraced(gw)
    }

    func testDatasetsOnPostgres() async throws {
        let gw = try await startOnPostgres()
        addTeardownBlock { await gw.stop() }
        try await DatasetsAPITests.importReadExportAndVersions(gw)
    }
}
