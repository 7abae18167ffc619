import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    private static func sealed(_ name: String, key: String = "k1", at seconds: Double, text: String = "c2VhbGVk") -> StoredSecret {
        StoredSecret(name: name, keyID: key, nonce: "bm9uY2Utbm9uY2U=", ciphertext: text,
                     createdAt: StoreFixtures.date(secondsAfterEpoch: seconds), updatedAt: StoreFixtures.date(secondsAfterEpoch: seconds))
    }

    /// Secrets: stored and read back exactly, listed by name, replaced keeping their creation time,
    /// deleted once.
    public func contractSecrets() async throws {
        let none = try await store.secrets()
        XCTAssertEqual(none, [])
        let openai = Self.sealed("OPENAI_KEY", at: 1)
        let anthropic = Self.sealed("ANTHROPIC.key-2", at: 2)
        try await store.putSecret(openai)
        try await store.putSecret(anthropic)
        let read = try await store.secret(named: "OPENAI_KEY")
        XCTAssertEqual(read, openai)
        let missing = try await store.secret(named: "openai_key")
        XCTAssertNil(missing, "names are case-sensitive")
        let listed = try await store.secrets()
        XCTAssertEqual(listed.map(\.name), ["ANTHROPIC.key-2", "OPENAI_KEY"])

        try await store.putSecret(Self.sealed("OPENAI_KEY", key: "k2", at: 5, text: "bmV3"))
        let replaced = try await store.secret(named: "OPENAI_KEY")
        XCTAssertEqual(replaced?.keyID, "k2")
        XCTAssertEqual(replaced?.ciphertext, "bmV3")
        XCTAssertEqual(replaced?.createdAt, openai.createdAt, "replacing keeps the creation time")
        XCTAssertEqual(replaced?.updatedAt, StoreFixtures.date(secondsAfterEpoch: 5))

        let deleted = try await store.deleteSecret(named: "OPENAI_KEY")
        XCTAssertTrue(deleted)
        let again = try await store.deleteSecret(named: "OPENAI_KEY")
        XCTAssertFalse(again)
        let left = try await store.secrets()
        XCTAssertEqual(left, [anthropic])
    }

    /// Resealing replaces every secret, or none when the transform fails part-way.
    public func contractSecretResealIsAllOrNothing() async throws {
        for (i, name) in ["A", "B", "C"].enumerated() { try await store.putSecret(Self.sealed(name, at: Double(i))) }
        struct Refused: Error {}
        await assertThrows("a failing reseal") {
            _ = try await self.store.resealSecrets { old in
                if old.name == "B" { throw Refused() }
                var new = old
                new.keyID = "k2"
                return new
            }
        }
        let untouched = try await store.secrets()
        XCTAssertEqual(untouched.map(\.keyID), ["k1", "k1", "k1"], "nothing is resealed when one fails")

        let count = try await store.resealSecrets { old in
            var new = old
            new.keyID = "k2"
            new.ciphertext = "cm90YXRlZA=="
            new.updatedAt = StoreFixtures.date(secondsAfterEpoch: 100)
            return new
        }
        XCTAssertEqual(count, 3)
        let rotated = try await store.secrets()
        XCTAssertEqual(rotated.map(\.keyID), ["k2", "k2", "k2"])
        XCTAssertEqual(rotated.map(\.ciphertext), Array(repeating: "cm90YXRlZA==", count: 3))
        XCTAssertEqual(rotated.map(\.createdAt), (0..<3).map { StoreFixtures.date(secondsAfterEpoch: Double($0)) })
    }
}
