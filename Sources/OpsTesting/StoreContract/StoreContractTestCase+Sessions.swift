import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Console sessions: stored by token hash with their key, the key's revocation visible through
    /// the session, ended one by one and swept by expiry.
    public func contractConsoleSessions() async throws {
        var key = StoreFixtures.key(id: "key_s1", project: "alpha", role: .viewer, at: 1)
        key.expiresAt = nil
        try await store.insertKey(key)
        let first = ConsoleSession(tokenHash: String(repeating: "a", count: 64), keyID: "key_s1", project: "alpha",
                                   createdAt: StoreFixtures.date(secondsAfterEpoch: 10.000_001),
                                   expiresAt: StoreFixtures.date(secondsAfterEpoch: 100))
        let second = ConsoleSession(tokenHash: String(repeating: "b", count: 64), keyID: "key_s1", project: "alpha",
                                    createdAt: StoreFixtures.date(secondsAfterEpoch: 20),
                                    expiresAt: StoreFixtures.date(secondsAfterEpoch: 200))
        let orphan = ConsoleSession(tokenHash: String(repeating: "c", count: 64), keyID: "key_gone", project: "alpha",
                                    createdAt: StoreFixtures.date(secondsAfterEpoch: 20),
                                    expiresAt: StoreFixtures.date(secondsAfterEpoch: 200))
        for session in [first, second, orphan] { try await store.insertConsoleSession(session) }
        await assertThrows("a token hash is stored once") { try await self.store.insertConsoleSession(first) }

        let found = try await store.consoleSession(tokenHash: first.tokenHash)
        XCTAssertEqual(found?.session, first, "every field round-trips to the microsecond")
        XCTAssertEqual(found?.key, key)
        let missing = try await store.consoleSession(tokenHash: String(repeating: "d", count: 64))
        XCTAssertNil(missing)
        let withoutKey = try await store.consoleSession(tokenHash: orphan.tokenHash)
        XCTAssertNil(withoutKey, "a session whose key is gone is no session")

        _ = try await store.revokeKey(id: "key_s1", at: StoreFixtures.date(secondsAfterEpoch: 30))
        let afterRevocation = try await store.consoleSession(tokenHash: second.tokenHash)
        XCTAssertEqual(afterRevocation?.key.revokedAt, StoreFixtures.date(secondsAfterEpoch: 30),
                       "the session carries the key as stored now")

        let ended = try await store.deleteConsoleSession(tokenHash: first.tokenHash)
        XCTAssertTrue(ended)
        let endedAgain = try await store.deleteConsoleSession(tokenHash: first.tokenHash)
        XCTAssertFalse(endedAgain)
        let gone = try await store.consoleSession(tokenHash: first.tokenHash)
        XCTAssertNil(gone)

        let swept = try await store.deleteConsoleSessions(expiredBefore: StoreFixtures.date(secondsAfterEpoch: 200))
        XCTAssertEqual(swept, 0, "a session expiring at the instant is not yet swept")
        let sweptLater = try await store.deleteConsoleSessions(expiredBefore: StoreFixtures.date(secondsAfterEpoch: 200.000_001))
        XCTAssertEqual(sweptLater, 2)
        let left = try await store.consoleSession(tokenHash: second.tokenHash)
        XCTAssertNil(left)
    }
}
