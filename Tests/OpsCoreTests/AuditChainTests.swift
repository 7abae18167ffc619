import Foundation
import OpsCore
import XCTest

/// The canonical encoding and the verifier, without a store.
final class AuditChainTests: XCTestCase {
    private func entry(_ sequence: Int64, after previous: String, target: String? = "t") -> AuditEntry {
        AuditEntry(sealing: AuditRecord(actor: "cli", project: "p", at: Date(epochMicros: 1_000_000 * sequence), action: .keyCreate,
                                        target: target, detail: ["b": 1, "a": "x"]),
                   sequence: sequence, previousHash: previous)
    }

    func testEncodingIsFixedAndUnambiguous() {
        let first = entry(1, after: AuditChain.genesisHash)
        let text = String(decoding: AuditChain.canonicalBytes(of: first), as: UTF8.self)
        XCTAssertEqual(text, """
            llmops-audit-v1
            sequence=1:1
            previous=64:\(AuditChain.genesisHash)
            actor=3:cli
            project=1:p
            at=7:1000000
            action=10:key.create
            target=1:t
            detail=15:{"a":"x","b":1}

            """)
        XCTAssertEqual(first.hash, SHA256Digest.hex(Array(text.utf8)))
        let absent = entry(1, after: AuditChain.genesisHash, target: nil)
        let empty = entry(1, after: AuditChain.genesisHash, target: "")
        XCTAssertNotEqual(absent.hash, empty.hash, "no target and an empty target hash differently")
    }

    func testVerifierFindsGapsAndBrokenLinks() throws {
        let one = entry(1, after: AuditChain.genesisHash)
        let two = entry(2, after: one.hash)
        let three = entry(3, after: two.hash)
        var verifier = AuditVerifier()
        for e in [one, two, three] { try verifier.check(e) }
        try verifier.finish(head: AuditHead(sequence: 3, hash: three.hash))
        XCTAssertEqual(verifier.count, 3)

        var gap = AuditVerifier()
        try gap.check(one)
        XCTAssertThrowsError(try gap.check(three)) { XCTAssertEqual(($0 as? AuditBreak)?.sequence, 2) }

        var truncated = AuditVerifier()
        try truncated.check(one)
        XCTAssertThrowsError(try truncated.finish(head: AuditHead(sequence: 3, hash: three.hash))) {
            XCTAssertEqual(($0 as? AuditBreak)?.sequence, 2)
        }

        let relinked = entry(2, after: String(repeating: "f", count: 64))
        var broken = AuditVerifier()
        try broken.check(one)
        XCTAssertThrowsError(try broken.check(relinked)) {
            XCTAssertEqual(($0 as? AuditBreak)?.reason.contains("previous hash"), true)
        }
    }
}
