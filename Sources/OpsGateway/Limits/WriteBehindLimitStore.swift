import Foundation
import OpsCore
import Synchronization

/// Limit states kept in memory and written to a backing store in the background, for a gateway
/// that is the only writer of its store (SQLite): every check is an update of a few cells under a
/// lock instead of a database transaction, and the states still survive a restart. A state is
/// read from the backing store the first time its key is touched; `flush` writes what changed
/// since the last flush (a crash loses at most that much). Several replicas on one database must
/// use the backing store directly (PostgreSQL row locks), not this.
///
/// A caller that transacts on the same keys call after call (the gateway: a key's limits on a
/// route) `prepare`s them once and transacts on the `PreparedLimitKeys`: its cells are found
/// without hashing a key, and a call touches little memory besides them (measured cold, as a
/// request finds it, the lookups cost more than the limits' arithmetic).
public final class WriteBehindLimitStore: LimitStore, Sendable {
    private struct Table {
        var cells: [String: LimitCell] = [:]
        /// The cells changed since the last flush, in the order they became so.
        var dirty: [LimitCell] = []

        mutating func cell(for key: String) -> LimitCell {
            if let cell = cells[key] { return cell }
            let cell = LimitCell(key: key)
            cells[key] = cell
            return cell
        }
    }

    private let backing: any LimitStore
    /// Every call takes this lock twice (admit and settle), from every event loop at once: a
    /// `Mutex` spins briefly before sleeping, where NSLock's pthread mutex slept on the first
    /// collision and each collision cost a futex wait, a wake and a cross-CPU reschedule.
    /// Every `LimitCell`'s contents are read and written under it.
    private let table = Mutex(Table())

    public init(backing: any LimitStore) {
        self.backing = backing
    }

    /// The cells of `keys` (each once), created empty and unloaded where the store has none yet.
    public func prepare(_ keys: [String]) -> PreparedLimitKeys {
        let distinct = LimitStates.distinct(keys)
        return PreparedLimitKeys(keys: distinct, cells: table.withLock { table in distinct.map { table.cell(for: $0) } })
    }

    /// `body` on the prepared keys' states at once, under the lock; false (and `body` not run) when
    /// one of them has not been read from the backing store yet (`transact` reads it).
    public func transactInMemory(_ prepared: PreparedLimitKeys, _ body: (inout LimitStates) -> Void) -> Bool {
        table.withLock { table in
            for (position, cell) in prepared.cells.enumerated() {
                guard cell.loaded else { return false }
                prepared.scratch.values[position] = cell.state
            }
            body(&prepared.scratch)
            for (position, cell) in prepared.cells.enumerated() where cell.take(prepared.scratch.values[position]) {
                table.dirty.append(cell)
            }
            return true
        }
    }

    public func transactInMemory(_ keys: [String], _ body: (inout LimitStates) -> Void) -> Bool {
        transactInMemory(prepare(keys), body)
    }

    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result {
        try await transact(prepare(keys), body)
    }

    /// `body` on the prepared keys' states, reading those not loaded yet from the backing store first.
    public func transact<Result: Sendable>(_ prepared: PreparedLimitKeys, _ body: (inout LimitStates) -> Result) async throws -> Result {
        var result: Result?
        if transactInMemory(prepared, { result = body(&$0) }), let result { return result }
        let missing = table.withLock { _ in prepared.cells.filter { !$0.loaded }.map(\.key) }
        let fetched = missing.isEmpty ? [:] : try await backing.transact(missing) { states in states.present }
        // Another transaction may have loaded (and changed) a cell meanwhile: only unloaded ones take the read.
        table.withLock { _ in
            for cell in prepared.cells where !cell.loaded { cell.load(fetched[cell.key]) }
        }
        guard transactInMemory(prepared, { result = body(&$0) }), let result else {
            preconditionFailure("every prepared cell was loaded just above, and cells are never unloaded")
        }
        return result
    }

    /// Writes every state changed since the last flush to the backing store; on failure they
    /// stay marked and the next flush tries again.
    public func flush() async throws {
        let (cells, snapshot) = table.withLock { table -> ([LimitCell], [String: LimitState?]) in
            let cells = table.dirty
            var snapshot: [String: LimitState?] = [:]
            for cell in cells {
                snapshot.updateValue(cell.state, forKey: cell.key)  // nil: the state was removed
                cell.dirty = false
            }
            table.dirty.removeAll(keepingCapacity: true)
            return (cells, snapshot)
        }
        guard !snapshot.isEmpty else { return }
        do {
            try await backing.transact(Array(snapshot.keys)) { stored in
                for (key, state) in snapshot { stored[key] = state }
            }
        } catch {
            table.withLock { table in
                for cell in cells where !cell.dirty {
                    cell.dirty = true
                    table.dirty.append(cell)
                }
            }
            throw error
        }
    }

    /// How many states changed since the last flush.
    public var pendingCount: Int { table.withLock { $0.dirty.count } }
}
