import Foundation
import OpsCore
@testable import OpsPostgres
import PostgresNIO
import XCTest

/// Where the Postgres tests find their server, and a fresh schema per test so runs never collide.
enum PostgresTestDatabase {
    static let howToStart = """
        LLMOPS_TEST_POSTGRES_URL is not set. Start PostgreSQL and export its URL:
            export LLMOPS_TEST_POSTGRES_URL="$(scripts/start-postgres.sh)"
        (the script installs Debian's postgresql when missing, starts it, creates role and database llmops).
        To skip the Postgres tests on purpose, set LLMOPS_SKIP_POSTGRES=1.
        """

    /// The server URL, or a skip when the run asked for one, or a failure explaining how to start Postgres.
    static func baseURL() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if environment["LLMOPS_SKIP_POSTGRES"] == "1" {
            throw XCTSkip("LLMOPS_SKIP_POSTGRES=1: Postgres tests skipped")
        }
        guard let url = environment["LLMOPS_TEST_POSTGRES_URL"], !url.isEmpty else {
            throw PostgresStoreError(.unavailable, howToStart)
        }
        return url
    }

    /// Quiet: the pool logs every failed connection attempt at info, which the failure tests cause on purpose.
    static let logger: Logger = {
        var logger = Logger(label: "llmops.postgres.tests")
        logger.logLevel = .error
        return logger
    }()

    /// A URL for a schema no other test uses.
    static func freshSchemaURL() throws -> (url: String, schema: String) {
        let base = try baseURL()
        let schema = "test_" + Identifier.hex(bytes: 8)
        return (base + (base.contains("?") ? "&" : "?") + "schema=\(schema)", schema)
    }

    /// Drops the schema a test worked in, through the test's own store.
    static func drop(_ schema: String, using store: PostgresStore) async {
        _ = try? await store.client.query(.init(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
    }
}
