import Foundation
import OpsCore
import XCTest

extension StoreContractTestCase {
    /// Keys: insert, look up by hash, list per project newest first, revoke.
    public func contractKeys() async throws {
        var first = StoreFixtures.key(id: "key_1", project: "alpha", role: .admin, at: 1, name: "first ключ")
        first.expiresAt = nil
        let second = StoreFixtures.key(id: "key_2", project: "alpha", role: .viewer, at: 2, name: nil)
        let other = StoreFixtures.key(id: "key_3", project: "beta", role: .developer, at: 3)
        for key in [first, second, other] { try await store.insertKey(key) }

        let found = try await store.key(secretHash: first.secretHash)
        XCTAssertEqual(found, first)
        let unknown = try await store.key(secretHash: String(repeating: "0", count: 64))
        XCTAssertNil(unknown)
        let alpha = try await store.listKeys(project: "alpha")
        XCTAssertEqual(alpha, [second, first], "newest first")
        let all = try await store.listKeys(project: nil)
        XCTAssertEqual(all.map(\.id), ["key_3", "key_2", "key_1"])
        let none = try await store.listKeys(project: "gamma")
        XCTAssertEqual(none, [])

        let revokedAt = StoreFixtures.date(secondsAfterEpoch: 100)
        let revoked = try await store.revokeKey(id: "key_1", at: revokedAt)
        XCTAssertTrue(revoked)
        let again = try await store.revokeKey(id: "key_1", at: StoreFixtures.date(secondsAfterEpoch: 200))
        XCTAssertTrue(again, "revoking twice still finds the key")
        let missing = try await store.revokeKey(id: "key_missing", at: revokedAt)
        XCTAssertFalse(missing)
        let afterRevoke = try await store.key(secretHash: first.secretHash)
        XCTAssertEqual(afterRevoke?.revokedAt, revokedAt, "the first revocation time is kept")
        XCTAssertEqual(afterRevoke?.isActive(at: revokedAt), false)
        let untouched = try await store.key(secretHash: second.secretHash)
        XCTAssertNil(untouched?.revokedAt)
    }

    /// A second key with an existing id or secret hash is rejected.
    public func contractDuplicateKeysAreRejected() async throws {
        let key = StoreFixtures.key(id: "key_dup", at: 1)
        try await store.insertKey(key)
        var sameHash = StoreFixtures.key(id: "key_other", at: 2)
        sameHash.secretHash = key.secretHash
        await assertThrows("duplicate secret hash") { try await self.store.insertKey(sameHash) }
        var sameID = StoreFixtures.key(id: "key_dup", at: 3)
        sameID.secretHash = Identifier.hex(bytes: 32)
        await assertThrows("duplicate id") { try await self.store.insertKey(sameID) }
        let keys = try await store.listKeys(project: nil)
        XCTAssertEqual(keys, [key])
    }

    /// ensureProject is idempotent; inserting a key creates its project.
    public func contractProjects() async throws {
        let initial = try await store.projects()
        XCTAssertEqual(initial, [])
        try await store.ensureProject("beta")
        try await store.ensureProject("alpha")
        try await store.ensureProject("beta")
        try await store.insertKey(StoreFixtures.key(project: "gamma"))
        let projects = try await store.projects()
        XCTAssertEqual(projects, ["alpha", "beta", "gamma"])
    }
}
