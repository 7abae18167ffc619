import Foundation

/// The number a limit remembers per key: a GCRA arrival time, or money spent in a period.
public struct LimitState: Sendable, Hashable {
    /// GCRA: the theoretical arrival time, epoch seconds. Budgets: USD spent.
    public var value: Double
    /// Budgets: the start of the period `value` belongs to, epoch seconds. Unused by GCRA.
    public var stamp: Double

    public init(value: Double = 0, stamp: Double = 0) {
        self.value = value
        self.stamp = stamp
    }
}

/// Where limit states live. The in-memory store serves one process; a shared store (Postgres)
/// makes limits hold across replicas by running `transact` inside one row-locking transaction.
public protocol LimitStore: Sendable {
    /// Reads the states of `keys` (absent where there is none), lets `body` change, add or remove
    /// them, and writes the result back, atomically with respect to every other `transact`
    /// touching any of the same keys. `body` is synchronous and may run more than once if a
    /// shared store retries a serialization failure.
    func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result

    /// `transact` run at once on the caller's thread when the store holds every one of `keys` in
    /// memory; false (and `body` not run) when it would need I/O, and the caller then uses
    /// `transact`. Every call of the gateway makes two limit transactions: an async call through
    /// the protocol cost more than the in-memory work itself, and so did a generic result, whose
    /// type metadata the runtime looked up on every call; `body` leaves its result in the caller's
    /// variables instead.
    func transactInMemory(_ keys: [String], _ body: (inout LimitStates) -> Void) -> Bool
}

extension LimitStore {
    /// Stores that always do I/O (a database) never answer in memory.
    public func transactInMemory(_ keys: [String], _ body: (inout LimitStates) -> Void) -> Bool { false }

    /// `transactInMemory` when the store can, else `transact`. Inlinable so that the in-memory case
    /// is a plain call in the caller, specialized for its result, with nothing awaited.
    @inlinable
    public func transactSoon<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result {
        var result: Result?
        if transactInMemory(keys, { result = body(&$0) }), let result { return result }
        return try await transact(keys, body)
    }
}

/// Limit states in this process's memory.
public final class InMemoryLimitStore: LimitStore, @unchecked Sendable {
    private let lock = NSLock()
    private var states: [String: LimitState] = [:]

    public init() {}

    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result {
        transactNow(keys, body)
    }

    public func transactInMemory(_ keys: [String], _ body: (inout LimitStates) -> Void) -> Bool {
        transactNow(keys, body)
        return true
    }

    private func transactNow<Result>(_ keys: [String], _ body: (inout LimitStates) -> Result) -> Result {
        lock.withLock {
            var slice = LimitStates(keys: keys)
            for (index, key) in slice.keys.enumerated() { slice.values[index] = states[key] }
            let result = body(&slice)
            for (key, value) in zip(slice.keys, slice.values) { states[key] = value }
            return result
        }
    }

    /// Every stored state, for tests and the console.
    public var snapshot: [String: LimitState] { lock.withLock { states } }
}
