import Foundation
import OpsCore
@testable import OpsPostgres
import OpsTesting
import PostgresNIO
import XCTest

/// The audit and secrets parts of the store contract against a real PostgreSQL, tampering done with plain SQL.
final class PostgresAuditStoreTests: StoreContractTestCase {
    private var schema: String?

    override func makeStore() async throws -> any OpsStore {
        let (url, schema) = try PostgresTestDatabase.freshSchemaURL()
        self.schema = schema
        return try PostgresStore(url: url, logger: PostgresTestDatabase.logger)
    }

    override func tearDown() async throws {
        if let schema, let postgres = store as? PostgresStore {
            await PostgresTestDatabase.drop(schema, using: postgres)
        }
        try await super.tearDown()
    }

    func testAuditLog() async throws { try await contractAuditLog() }
    func testConcurrentAuditAppends() async throws { try await contractConcurrentAuditAppends() }
    func testSecrets() async throws { try await contractSecrets() }
    func testSecretResealIsAllOrNothing() async throws { try await contractSecretResealIsAllOrNothing() }

    func testAuditTamperingIsFound() async throws {
        let postgres = try XCTUnwrap(store as? PostgresStore)
        try await contractAuditTamperingIsFound { sql in
            _ = try await postgres.client.query(PostgresQuery(unsafeSQL: sql), logger: PostgresTestDatabase.logger)
        }
    }
}
