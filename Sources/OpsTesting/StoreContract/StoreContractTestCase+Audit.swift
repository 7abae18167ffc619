import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Audit entries: sequence numbers from 1, each chained to the one before, the head following
    /// the newest; listing per project newest first with filters and paging; the chain verifies.
    public func contractAuditLog() async throws {
        let empty = try await store.auditHead()
        XCTAssertEqual(empty, AuditHead.genesis)
        let verifiedEmpty = try await store.verifyAuditChain()
        XCTAssertEqual(verifiedEmpty, 0)

        let records = [
            AuditRecord(actor: "key_a", project: "alpha", at: StoreFixtures.date(secondsAfterEpoch: 1), action: .keyCreate,
                        target: "key_b", detail: ["role": "viewer", "name": "Zoë — 東京 🚀", "nested": ["z": 1, "a": [true, nil]]]),
            AuditRecord(actor: "cli", project: "beta", at: StoreFixtures.date(secondsAfterEpoch: 2), action: .keyRevoke, target: "key_c"),
            AuditRecord(actor: "key_a", project: "alpha", at: StoreFixtures.date(secondsAfterEpoch: 3), action: .promptPush,
                        target: "", detail: ["version": 2]),
            AuditRecord(actor: "system", project: "alpha", at: StoreFixtures.date(secondsAfterEpoch: 4), action: .retentionRun),
        ]
        var appended: [AuditEntry] = []
        for record in records { appended.append(try await store.appendAudit(record)) }
        XCTAssertEqual(appended.map(\.sequence), [1, 2, 3, 4])
        XCTAssertEqual(appended[0].previousHash, AuditChain.genesisHash)
        for i in 1..<appended.count { XCTAssertEqual(appended[i].previousHash, appended[i - 1].hash) }
        XCTAssertEqual(appended[0].detailJSON, #"{"name":"Zoë — 東京 🚀","nested":{"a":[true,null],"z":1},"role":"viewer"}"#,
                       "details are stored as canonical JSON")
        let head = try await store.auditHead()
        XCTAssertEqual(head, AuditHead(sequence: 4, hash: appended[3].hash))

        let alpha = try await store.auditEntries(AuditQuery(project: "alpha"))
        XCTAssertEqual(alpha.entries, [appended[3], appended[2], appended[0]], "newest first, stored exactly as appended")
        XCTAssertNil(alpha.nextBefore)
        XCTAssertEqual(alpha.entries[1].target, "", "an empty target is not an absent one")
        XCTAssertNil(alpha.entries[0].target)
        let beta = try await store.auditEntries(AuditQuery(project: "beta"))
        XCTAssertEqual(beta.entries.map(\.sequence), [2])
        let gamma = try await store.auditEntries(AuditQuery(project: "gamma"))
        XCTAssertEqual(gamma.entries, [])

        let pushes = try await store.auditEntries(AuditQuery(project: "alpha", action: .promptPush))
        XCTAssertEqual(pushes.entries.map(\.sequence), [3])
        let window = try await store.auditEntries(AuditQuery(project: "alpha", from: StoreFixtures.date(secondsAfterEpoch: 1),
                                                             to: StoreFixtures.date(secondsAfterEpoch: 4)))
        XCTAssertEqual(window.entries.map(\.sequence), [3, 1], "from is inclusive, to exclusive")

        let first = try await store.auditEntries(AuditQuery(project: "alpha", limit: 2))
        XCTAssertEqual(first.entries.map(\.sequence), [4, 3])
        XCTAssertEqual(first.nextBefore, 3)
        let second = try await store.auditEntries(AuditQuery(project: "alpha", limit: 2, before: first.nextBefore))
        XCTAssertEqual(second.entries.map(\.sequence), [1])
        XCTAssertNil(second.nextBefore)

        let chain = try await store.auditChain(after: 1, limit: 2)
        XCTAssertEqual(chain.map(\.sequence), [2, 3])
        let verified = try await store.verifyAuditChain(pageSize: 3)
        XCTAssertEqual(verified, 4)
    }

    /// Appends racing each other still form one chain without gaps or forks.
    public func contractConcurrentAuditAppends() async throws {
        let store = self.store!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<24 {
                group.addTask {
                    _ = try await store.appendAudit(AuditRecord(actor: "key_\(i)", project: i.isMultiple(of: 2) ? "alpha" : "beta",
                                                                at: StoreFixtures.date(secondsAfterEpoch: Double(i)), action: .keyCreate))
                }
            }
            try await group.waitForAll()
        }
        let chain = try await store.auditChain(after: 0, limit: 100)
        XCTAssertEqual(chain.map(\.sequence), Array(1...24))
        XCTAssertEqual(Set(chain.map(\.actor)).count, 24)
        let verified = try await store.verifyAuditChain()
        XCTAssertEqual(verified, 24)
    }

    /// Plain SQL run on the store's tables behind its back (an edited field, a row edited with its
    /// hash recomputed, a deleted row, a deleted last row) is found by verification, which names the
    /// first bad entry. `execute` runs one SQL statement on the store's database.
    public func contractAuditTamperingIsFound(execute: (String) async throws -> Void) async throws {
        var entries: [AuditEntry] = []
        for i in 1...5 {
            entries.append(try await store.appendAudit(AuditRecord(actor: "key_a", project: "alpha",
                                                                   at: StoreFixtures.date(secondsAfterEpoch: Double(i)),
                                                                   action: .keyCreate, target: "key_\(i)", detail: ["n": .int(Int64(i))])))
        }
        let intact = try await store.verifyAuditChain()
        XCTAssertEqual(intact, 5)

        try await execute("UPDATE audit_log SET target = 'key_evil' WHERE sequence = 2")
        try await assertAuditBreak(at: 2, containing: "edited")
        try await execute("UPDATE audit_log SET target = 'key_2' WHERE sequence = 2")
        let restored = try await store.verifyAuditChain()
        XCTAssertEqual(restored, 5)

        try await execute(#"UPDATE audit_log SET detail = '{"n":40}' WHERE sequence = 4"#)
        try await assertAuditBreak(at: 4, containing: "edited")
        try await execute(#"UPDATE audit_log SET detail = '{"n":4}' WHERE sequence = 4"#)

        try await execute("UPDATE audit_log SET at = at + 1 WHERE sequence = 1")
        try await assertAuditBreak(at: 1, containing: "edited")
        try await execute("UPDATE audit_log SET at = at - 1 WHERE sequence = 1")

        // An editor who also recomputes the row's hash breaks the link from the next entry.
        var forged = entries[2]
        forged.actor = "key_innocent"
        forged.hash = AuditChain.hash(of: forged)
        try await execute("UPDATE audit_log SET actor = 'key_innocent', hash = '\(forged.hash)' WHERE sequence = 3")
        try await assertAuditBreak(at: 4, containing: "previous hash")
        try await execute("UPDATE audit_log SET actor = 'key_a', hash = '\(entries[2].hash)' WHERE sequence = 3")
        let again = try await store.verifyAuditChain()
        XCTAssertEqual(again, 5)

        try await execute("DELETE FROM audit_log WHERE sequence = 5")
        try await assertAuditBreak(at: 5, containing: "missing")
        try await execute("DELETE FROM audit_log WHERE sequence = 3")
        try await assertAuditBreak(at: 3, containing: "missing")
    }

    private func assertAuditBreak(at sequence: Int64, containing words: String, file: StaticString = #filePath,
                                  line: UInt = #line) async throws {
        do {
            let count = try await store.verifyAuditChain()
            XCTFail("expected a break at entry \(sequence), the chain of \(count) entries verified", file: file, line: line)
        } catch let found as AuditBreak {
            XCTAssertEqual(found.sequence, sequence, "\(found)", file: file, line: line)
            XCTAssertTrue(found.reason.contains(words), "\(found)", file: file, line: line)
        }
    }
}
