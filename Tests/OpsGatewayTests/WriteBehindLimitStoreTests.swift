import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class WriteBehindLimitStoreTests: XCTestCase {
    /// A backing store that counts its transactions and can be made to fail.
    final class CountingStore: LimitStore, @unchecked Sendable {
        let inner = InMemoryLimitStore()
        var transactions = 0
        var failing = false
        func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result {
            transactions += 1
            if failing { throw OpsError(.unavailable, "backing store down") }
            return try await inner.transact(keys, body)
        }
    }

    func testStatesAreServedFromMemoryAndSavedOnFlush() async throws {
        let backing = CountingStore()
        try await backing.transact(["a"]) { $0["a"] = LimitState(value: 5) }
        let store = WriteBehindLimitStore(backing: backing)
        for _ in 0..<100 {
            try await store.transact(["a", "b"]) { states in
                states["a", default: LimitState()].value += 1
                states["b", default: LimitState()].value += 2
            }
        }
        XCTAssertEqual(backing.transactions, 2, "one write to seed, one read of the untouched keys, nothing per call")
        XCTAssertEqual(backing.inner.snapshot["a"]?.value, 5, "nothing written before the flush")
        XCTAssertEqual(store.pendingCount, 2)
        try await store.flush()
        XCTAssertEqual(backing.inner.snapshot["a"]?.value, 105)
        XCTAssertEqual(backing.inner.snapshot["b"]?.value, 200)
        XCTAssertEqual(store.pendingCount, 0)

        let restarted = WriteBehindLimitStore(backing: backing)
        let value = try await restarted.transact(["a"]) { $0["a"]?.value }
        XCTAssertEqual(value, 105, "a restart continues from the saved state")
    }

    func testInMemoryTransactionsRunOnlyOnceEveryKeyIsLoaded() async throws {
        let backing = CountingStore()
        try await backing.transact(["a"]) { $0["a"] = LimitState(value: 5) }
        let store = WriteBehindLimitStore(backing: backing)
        var ran = false
        XCTAssertFalse(store.transactInMemory(["a"]) { _ in ran = true }, "a key never read needs the backing store")
        XCTAssertFalse(ran, "the body must not run when the store cannot answer at once")
        let loaded = try await store.transactSoon(["a"]) { states -> Double? in
            states["a"]?.value += 1
            return states["a"]?.value
        }
        XCTAssertEqual(loaded, 6)
        XCTAssertEqual(backing.transactions, 2, "one seed, one read")
        var again: Double?
        XCTAssertTrue(store.transactInMemory(["a"]) { states in
            states["a"]?.value += 1
            again = states["a"]?.value
        })
        XCTAssertEqual(again, 7, "a loaded key is served at once, without the backing store")
        XCTAssertEqual(backing.transactions, 2)
        XCTAssertFalse(store.transactInMemory(["a", "new"]) { _ in }, "one unloaded key is enough to need the backing store")
        XCTAssertFalse(backing.transactInMemory(["a"]) { _ in }, "a store without memory of its own never answers at once")
        try await store.flush()
        XCTAssertEqual(backing.inner.snapshot["a"]?.value, 7)
    }

    func testAFailedFlushKeepsTheChangesForTheNextOne() async throws {
        let backing = CountingStore()
        let store = WriteBehindLimitStore(backing: backing)
        try await store.transact(["k"]) { $0["k"] = LimitState(value: 1, stamp: 2) }
        backing.failing = true
        do {
            try await store.flush()
            XCTFail("the flush must report the failure")
        } catch {}
        XCTAssertEqual(store.pendingCount, 1)
        backing.failing = false
        try await store.flush()
        XCTAssertEqual(backing.inner.snapshot["k"], LimitState(value: 1, stamp: 2))
    }

    func testRemovalsAndRepeatedChangesAreFlushedOnce() async throws {
        let backing = CountingStore()
        try await backing.transact(["gone", "kept"]) { $0["gone"] = LimitState(value: 1); $0["kept"] = LimitState(value: 1) }
        let store = WriteBehindLimitStore(backing: backing)
        for value in 2...5 {
            try await store.transact(["gone", "kept"]) { states in
                states["gone"] = nil
                states["kept"] = LimitState(value: Double(value))
            }
        }
        XCTAssertEqual(store.pendingCount, 2, "each changed key counts once, however often it changed")
        let unchanged = try await store.transact(["kept"]) { $0["kept"]?.value }
        XCTAssertEqual(unchanged, 5)
        try await store.flush()
        XCTAssertNil(backing.inner.snapshot["gone"], "a state removed in memory is removed from the backing store")
        XCTAssertEqual(backing.inner.snapshot["kept"]?.value, 5)
        XCTAssertEqual(store.pendingCount, 0)
        try await store.flush()
        XCTAssertEqual(backing.transactions, 3, "seed, first read, one flush; an empty flush writes nothing")
    }

    func testPreparedKeysShareTheirCellsWithTransactionsByKey() async throws {
        let backing = CountingStore()
        try await backing.transact(["a"]) { $0["a"] = LimitState(value: 5) }
        let store = WriteBehindLimitStore(backing: backing)
        let prepared = store.prepare(["a", "b", "a"])
        XCTAssertEqual(prepared.keys, ["a", "b"], "a key given twice is held once")
        var ran = false
        XCTAssertFalse(store.transactInMemory(prepared) { _ in ran = true }, "prepared keys are not loaded yet")
        XCTAssertFalse(ran)
        let first = try await store.transact(prepared) { states -> Double? in
            states["a"]?.value += 1
            states["b"] = LimitState(value: 1)
            return states["a"]?.value
        }
        XCTAssertEqual(first, 6, "the backing store's state, read once")
        XCTAssertEqual(backing.transactions, 2, "one seed, one read of both keys")
        var seen: LimitState?
        XCTAssertTrue(store.transactInMemory(prepared) { states in
            states["b", default: LimitState()].value += 1
            seen = states["b"]
        })
        XCTAssertEqual(seen, LimitState(value: 2))
        let byKey = try await store.transact(["b"]) { $0["b"]?.value }
        XCTAssertEqual(byKey, 2, "a transaction by key sees what the prepared one left: the same cell")
        XCTAssertEqual(backing.transactions, 2, "nothing more read from the backing store")
        XCTAssertEqual(store.pendingCount, 2)
        try await store.flush()
        XCTAssertEqual(backing.inner.snapshot["a"]?.value, 6)
        XCTAssertEqual(backing.inner.snapshot["b"]?.value, 2)
        XCTAssertTrue(store.transactInMemory(prepared) { _ in }, "an unchanged transaction marks nothing")
        XCTAssertEqual(store.pendingCount, 0)
    }
}
