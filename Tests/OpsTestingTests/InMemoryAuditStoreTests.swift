import Foundation
import OpsCore
import OpsTesting
import XCTest

/// The audit and secrets parts of the store contract against the in-memory store, and verification of a chain
/// edited in memory.
final class InMemoryAuditStoreTests: StoreContractTestCase {
    override func makeStore() async throws -> any OpsStore { InMemoryStore() }

    func testAuditLog() async throws { try await contractAuditLog() }
    func testConcurrentAuditAppends() async throws { try await contractConcurrentAuditAppends() }
    func testSecrets() async throws { try await contractSecrets() }
    func testSecretResealIsAllOrNothing() async throws { try await contractSecretResealIsAllOrNothing() }

    func testEditedAndRemovedEntriesAreFound() async throws {
        let audit = InMemoryAuditStore()
        var entries: [AuditEntry] = []
        for i in 1...3 {
            entries.append(try await audit.appendAudit(AuditRecord(actor: "cli", project: "p", at: Date(epochMicros: Int64(i)),
                                                                   action: .secretSet, target: "OPENAI_\(i)")))
        }
        var edited = entries[1]
        edited.project = "q"
        await audit.tamper(edited)
        await assertBreak(audit, at: 2)
        await audit.tamper(entries[1])
        let count = try await audit.verifyAuditChain(pageSize: 1)
        XCTAssertEqual(count, 3)
        await audit.remove(sequence: 1)
        await assertBreak(audit, at: 1)
    }

    private func assertBreak(_ audit: InMemoryAuditStore, at sequence: Int64, line: UInt = #line) async {
        do {
            _ = try await audit.verifyAuditChain()
            XCTFail("expected a break", line: line)
        } catch let found as AuditBreak {
            XCTAssertEqual(found.sequence, sequence, line: line)
        } catch {
            XCTFail("\(error)", line: line)
        }
    }
}
