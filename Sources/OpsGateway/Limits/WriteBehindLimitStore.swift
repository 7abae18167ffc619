import Foundation
import OpsCore

/// Limit states kept in memory and written to a backing store in the background, for a gateway
/// that is the only writer of its store (SQLite): every check is a dictionary update under a lock
/// instead of a database transaction, and the states still survive a restart. A state is read
/// from the backing store the first time its key is touched; `flush` writes what changed since
/// the last flush (a crash loses at most that much). Several replicas on one database must use
/// the backing store directly (PostgreSQL row locks), not this.
public final class WriteBehindLimitStore: LimitStore, @unchecked Sendable {
    private let backing: any LimitStore
    private let lock = NSLock()
    private var states: [String: LimitState] = [:]
    private var loaded: Set<String> = []
    private var dirty: Set<String> = []

    public init(backing: any LimitStore) {
        self.backing = backing
    }

    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout [String: LimitState]) -> Result) async throws -> Result {
        let missing = lock.withLock { keys.allSatisfy(loaded.contains) ? [] : keys.filter { !loaded.contains($0) } }
        if !missing.isEmpty {
            let fetched = try await backing.transact(missing) { states in states }
            lock.withLock {
                for key in missing where !loaded.contains(key) {
                    states[key] = fetched[key]
                    loaded.insert(key)
                }
            }
        }
        return lock.withLock {
            var slice = [String: LimitState](minimumCapacity: keys.count)
            for key in keys { slice[key] = states[key] }
            let result = body(&slice)
            for key in keys where slice[key] != states[key] {
                states[key] = slice[key]
                dirty.insert(key)
            }
            return result
        }
    }

    /// Writes every state changed since the last flush to the backing store; on failure they
    /// stay marked and the next flush tries again.
    public func flush() async throws {
        let (keys, snapshot) = lock.withLock { () -> ([String], [String: LimitState]) in
            let keys = Array(dirty)
            dirty.removeAll()
            var snapshot: [String: LimitState] = [:]
            for key in keys { snapshot[key] = states[key] }
            return (keys, snapshot)
        }
        guard !keys.isEmpty else { return }
        do {
            try await backing.transact(keys) { stored in
                for key in keys { stored[key] = snapshot[key] }
            }
        } catch {
            lock.withLock { dirty.formUnion(keys) }
            throw error
        }
    }

    /// How many states changed since the last flush.
    public var pendingCount: Int { lock.withLock { dirty.count } }
}
