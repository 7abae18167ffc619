import OpsCore
import PostgresNIO

extension PostgresStore {
    /// One transaction per call: the rows are created if missing, locked in key order with
    /// `SELECT … FOR UPDATE` (so every replica touching them waits its turn, without deadlocks),
    /// changed by `body` and written back before the commit releases them.
    public func transact<Result: Sendable>(_ keys: [String], _ body: (inout LimitStates) -> Result) async throws -> Result {
        let keys = Array(Set(keys)).sorted()
        guard !keys.isEmpty else {
            var empty = LimitStates(keys: [])
            return body(&empty)
        }
        return try await run("updating limits") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("""
                    INSERT INTO limit_states (key, value, stamp) SELECT k, 0, 0 FROM unnest(\(keys)::text[]) AS k \
                    ORDER BY k ON CONFLICT (key) DO NOTHING
                    """, logger: self.logger)
                var states = LimitStates(keys: keys)
                let rows = try await connection.query("""
                    SELECT key, value, stamp FROM limit_states WHERE key = ANY(\(keys)::text[]) ORDER BY key FOR UPDATE
                    """, logger: self.logger)
                for try await (key, value, stamp) in rows.decode((String, Double, Double).self) {
                    // A (0, 0) row is the placeholder created above: the same as no state.
                    if value != 0 || stamp != 0 { states[key] = LimitState(value: value, stamp: stamp) }
                }
                let result = body(&states)
                let values = states.values.map { $0?.value ?? 0 }
                let stamps = states.values.map { $0?.stamp ?? 0 }
                try await connection.query("""
                    UPDATE limit_states AS s SET value = u.value, stamp = u.stamp \
                    FROM unnest(\(keys)::text[], \(values)::float8[], \(stamps)::float8[]) AS u(key, value, stamp) \
                    WHERE s.key = u.key
                    """, logger: self.logger)
                return result
            }
        }
    }
}
