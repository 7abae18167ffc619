import Foundation
import GRDB
import OpsCore
import OpsSQLite
import OpsTesting
import XCTest

/// The audit and secrets parts of the store contract against a SQLite file, tampering done with plain SQL
/// through a second connection, as someone with the file would.
final class SQLiteAuditStoreTests: StoreContractTestCase {
    private var directory: URL?
    private var path: String { directory!.appendingPathComponent("llmops.sqlite").path }

    override func makeStore() async throws -> any OpsStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmops-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        return try SQLiteStore(path: directory.appendingPathComponent("llmops.sqlite").path)
    }

    override func tearDown() async throws {
        try await super.tearDown()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    func testAuditLog() async throws { try await contractAuditLog() }
    func testConcurrentAuditAppends() async throws { try await contractConcurrentAuditAppends() }
    func testSecrets() async throws { try await contractSecrets() }
    func testSecretResealIsAllOrNothing() async throws { try await contractSecretResealIsAllOrNothing() }

    func testAuditTamperingIsFound() async throws {
        let queue = try DatabaseQueue(path: path)
        try await contractAuditTamperingIsFound { sql in
            try await queue.write { db in try db.execute(sql: sql) }
        }
    }
}
