import Foundation
import OpsCore
@testable import OpsPostgres
import OpsTesting
import PostgresNIO
import XCTest

/// The audit and secrets parts of the store contract against a real PostgreSQL (the contract class's
/// fresh schema per test), tampering done with plain SQL.
extension PostgresStoreContractTests {
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
