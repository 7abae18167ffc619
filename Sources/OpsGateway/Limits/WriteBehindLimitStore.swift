import Foundation
import OpsCore
import Synchronization

/// Limit states kept in memory and written to a backing store in the background, for a gateway
/// that is the only writer of its store (SQLite): every check is a dictionary update under a lock
/// instead of a database transaction, and the states still survive a restart. A state is read
/// from the backing store the first time its key is touched; `flush` writes what changed since
/// the last flush (a crash loses at most that much). Several replicas on one database must use
/// the backing store directly (PostgreSQL row locks), not this.
public final class WriteBehindLimitStore: LimitStore, Sendable {
    /// One limit state as this process knows it: read from the backing store (nil when it had
    /// none) and whether it changed since the last flush. A key present here has been loaded.
    private struct Entry {
        var state: LimitState?
        var dirty = false

        /// Takes the state a transaction left; a change marks the entry dirty (once).
        mutating func update(to updated: LimitState?, markingIn dirtyKeys: inout [String], key: String) {
            guard updated != state else { return }
            state = updated
            if !dirty {
                dirty = true
                dirtyKeys.append(key)
            }
        }
    }

    private struct Table {
        var entries: [String: Entry] = [:]
        /// The keys whose entries are dirty, in the order they became so.
        var dirtyKeys: [String] = []
    }

    private let backing: any LimitStore
    /// Every call takes this lock twice (admit and settle), from every event loop at once: a
    /// `Mutex` spins briefly before sleeping, where NSLock's pthread mutex slept on the first
    /// collision and each collision cost a futex wait, a wake and a cross-CPU reschedule.
    private let table = Mutex(Table())

    public init(backing: any LimitStore) {
        self.backing = backing
    }

    /// Nearly always every key is loaded and this is the whole transaction, under one lock.
    public func transactInMemory<Result: Sendable>(_ keys: [String], _ body: (inout [String: LimitState]) -> Result) -> Result? {
        var slice = [String: LimitState](minimumCapacity: keys.count)
        return table.withLock { table in Self.run(body, keys, &slice, in: &table, allLoaded: true) }
    }

    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout [String: LimitState]) -> Result) async throws -> Result {
        if let result = transactInMemory(keys, body) { return result }
        var slice = [String: LimitState](minimumCapacity: keys.count)
        let missing = table.withLock { table in keys.filter { table.entries[$0] == nil } }
        let fetched = missing.isEmpty ? [:] : try await backing.transact(missing) { states in states }
        return table.withLock { table in
            for key in missing where table.entries[key] == nil { table.entries[key] = Entry(state: fetched[key]) }
            return Self.run(body, keys, &slice, in: &table, allLoaded: false)!
        }
    }

    /// `body` on the states of `keys`, kept back in `table`; nil (nothing run) when `allLoaded`
    /// is asked for and a key has not been read from the backing store yet.
    private static func run<Result>(_ body: (inout [String: LimitState]) -> Result, _ keys: [String],
                                    _ slice: inout [String: LimitState], in table: inout Table, allLoaded: Bool) -> Result? {
        for key in keys {
            guard let entry = table.entries[key] else {
                if allLoaded { return nil }
                continue
            }
            slice[key] = entry.state
        }
        let result = body(&slice)
        for key in keys {
            table.entries[key, default: Entry()].update(to: slice[key], markingIn: &table.dirtyKeys, key: key)
        }
        return result
    }

    /// Writes every state changed since the last flush to the backing store; on failure they
    /// stay marked and the next flush tries again.
    public func flush() async throws {
        let snapshot = table.withLock { table -> [String: LimitState?] in
            var snapshot: [String: LimitState?] = [:]
            for key in table.dirtyKeys {
                snapshot.updateValue(table.entries[key]?.state, forKey: key)  // nil: the state was removed
                table.entries[key]?.dirty = false
            }
            table.dirtyKeys.removeAll(keepingCapacity: true)
            return snapshot
        }
        guard !snapshot.isEmpty else { return }
        let keys = Array(snapshot.keys)
        do {
            try await backing.transact(keys) { stored in
                for (key, state) in snapshot { stored[key] = state }
            }
        } catch {
            table.withLock { table in
                for key in keys where table.entries[key]?.dirty == false {
                    table.entries[key]?.dirty = true
                    table.dirtyKeys.append(key)
                }
            }
            throw error
        }
    }

    /// How many states changed since the last flush.
    public var pendingCount: Int { table.withLock { $0.dirtyKeys.count } }
}
