import GRDB
import OpsCore

extension SQLiteStore {
    /// Reads and writes the states in one write transaction: SQLite has one writer at a time, so
    /// concurrent `transact`s (and other processes on the same file) serialize.
    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result {
        guard !keys.isEmpty else {
            var empty = LimitStates(keys: [])
            return body(&empty)
        }
        return try await withoutActuallyEscaping(body) { body in
            let box = UncheckedLimitBody(body: body)
            return try await write("updating limits") { db in
                var states = LimitStates(keys: keys)
                let marks = Array(repeating: "?", count: keys.count).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: "SELECT key, value, stamp FROM limit_states WHERE key IN (\(marks))",
                                            arguments: StatementArguments(keys)) {
                    states[row[0]] = LimitState(value: row[1], stamp: row[2])
                }
                let result = box.body(&states)
                for (key, state) in zip(states.keys, states.values) {
                    if let state {
                        try db.execute(sql: """
                            INSERT INTO limit_states (key, value, stamp) VALUES (?, ?, ?)
                            ON CONFLICT (key) DO UPDATE SET value = excluded.value, stamp = excluded.stamp
                            """, arguments: [key, state.value, state.stamp])
                    } else {
                        try db.execute(sql: "DELETE FROM limit_states WHERE key = ?", arguments: [key])
                    }
                }
                return result
            }
        }
    }
}

/// Carries the caller's non-escaping body into GRDB's write closure, which runs and finishes
/// before `transact` returns.
private struct UncheckedLimitBody<Result>: @unchecked Sendable {
    let body: (inout LimitStates) -> Result
}
