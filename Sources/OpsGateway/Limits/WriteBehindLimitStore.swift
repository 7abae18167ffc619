import Foundation
import OpsCore

/// Limit states kept in memory and written to a backing store in the background, for a gateway
/// that is the only writer of its store (SQLite): every check is a dictionary update under a lock
/// instead of a database transaction, and the states still survive a restart. A state is read
/// from the backing store the first time its key is touched; `flush` writes what changed since
/// the last flush (a crash loses at most that much). Several replicas on one database must use
/// the backing store directly (PostgreSQL row locks), not this.
public final class WriteBehindLimitStore: LimitStore, @unchecked Sendable {
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

    private let backing: any LimitStore
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The keys whose entries are dirty, in the order they became so.
    private var dirtyKeys: [String] = []

    public init(backing: any LimitStore) {
        self.backing = backing
    }

    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout [String: LimitState]) -> Result) async throws -> Result {
        let missing = lock.withLock { keys.filter { entries[$0] == nil } }
        if !missing.isEmpty {
            let fetched = try await backing.transact(missing) { states in states }
            lock.withLock {
                for key in missing where entries[key] == nil { entries[key] = Entry(state: fetched[key]) }
            }
        }
        return lock.withLock {
            var slice = [String: LimitState](minimumCapacity: keys.count)
            for key in keys { slice[key] = entries[key]?.state }
            let result = body(&slice)
            for key in keys { entries[key, default: Entry()].update(to: slice[key], markingIn: &dirtyKeys, key: key) }
            return result
        }
    }

    /// Writes every state changed since the last flush to the backing store; on failure they
    /// stay marked and the next flush tries again.
    public func flush() async throws {
        let snapshot = lock.withLock { () -> [String: LimitState?] in
            var snapshot: [String: LimitState?] = [:]
            for key in dirtyKeys {
                snapshot.updateValue(entries[key]?.state, forKey: key)  // nil: the state was removed
                entries[key]?.dirty = false
            }
            dirtyKeys.removeAll(keepingCapacity: true)
            return snapshot
        }
        guard !snapshot.isEmpty else { return }
        let keys = Array(snapshot.keys)
        do {
            try await backing.transact(keys) { stored in
                for (key, state) in snapshot { stored[key] = state }
            }
        } catch {
            lock.withLock {
                for key in keys where entries[key]?.dirty == false {
                    entries[key]?.dirty = true
                    dirtyKeys.append(key)
                }
            }
            throw error
        }
    }

    /// How many states changed since the last flush.
    public var pendingCount: Int { lock.withLock { dirtyKeys.count } }
}
