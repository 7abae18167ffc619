import Foundation
import OpsCore
import PostgresNIO

/// Month partitions of `traces` and `generations` (migration v18): `traces_p202612` holds the traces
/// created in December 2026 (UTC), `generations_p202612` their generations. Each call runs in one
/// transaction under an advisory lock, so replicas never create or drop the same partition at once
/// (a replica that finds the lock taken leaves the work to the one holding it).
extension PostgresStore {
    /// Any constant works; it only has to differ from the migrations' lock.
    static let partitionLockKey: Int64 = 0x6C6C_6D6F_7072

    /// How many months after the present get partitions ahead of the traces that will fill them.
    static let monthsAhead = 2

    public func prepareTracePartitions(around now: Date) async throws {
        try await run("preparing trace partitions") {
            try await client.withTransaction(logger: logger) { connection in
                guard try await self.tryLock(connection) else { return }
                let existing = Set(try await self.partitionMonths(connection))
                var wanted = Set((0...Self.monthsAhead).map { TraceMonth(containing: now).adding($0) })
                // Months that rows in the catch-all belong to (traces written before the month got
                // its partition, or planted with old times): at most ten years of them.
                for try await (low, high) in try await connection.query(
                    "SELECT min(created_at), max(created_at) FROM traces_default", logger: self.logger
                ).decode((Int64?, Int64?).self) {
                    guard let low, let high else { continue }
                    var month = TraceMonth(containing: Date(epochMicros: low))
                    let last = TraceMonth(containing: Date(epochMicros: high))
                    while month <= last, wanted.count < 120 {
                        wanted.insert(month)
                        month = month.adding(1)
                    }
                }
                for month in wanted.subtracting(existing).sorted() {
                    for (table, column) in [("traces", "created_at"), ("generations", "trace_created_at")] {
                        try await self.createPartition(month, of: table, by: column, connection)
                    }
                }
            }
        }
    }

    public func dropTracePartitions(endingBy cutoff: Date) async throws -> [String: [String: Int]] {
        try await run("dropping expired trace partitions") {
            try await client.withTransaction(logger: logger) { connection in
                guard try await self.tryLock(connection) else { return [:] }
                var dropped: [String: [String: Int]] = [:]
                for month in try await self.partitionMonths(connection) where month.endMicros <= cutoff.epochMicros {
                    // Generations first, then their traces, in the same transaction.
                    for table in ["generations", "traces"] {
                        let partition = month.partitionName(of: table)
                        for try await (project, count) in try await connection.query(PostgresQuery(
                            unsafeSQL: "SELECT project, count(*) FROM \(partition) GROUP BY project"), logger: self.logger
                        ).decode((String, Int).self) {
                            dropped[project, default: [:]][table, default: 0] += count
                        }
                        try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(partition)"), logger: self.logger)
                    }
                }
                return dropped
            }
        }
    }

    private func tryLock(_ connection: PostgresConnection) async throws -> Bool {
        var locked = false
        for try await got in try await connection.query("SELECT pg_try_advisory_xact_lock(\(Self.partitionLockKey))",
                                                        logger: logger).decode(Bool.self) { locked = got }
        return locked
    }

    /// The months that have a traces partition, oldest first.
    private func partitionMonths(_ connection: PostgresConnection) async throws -> [TraceMonth] {
        var months: [TraceMonth] = []
        for try await name in try await connection.query("""
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid \
            WHERE i.inhparent = 'traces'::regclass
            """, logger: logger).decode(String.self) {
            if let month = TraceMonth(partitionName: name, of: "traces") { months.append(month) }
        }
        return months.sorted()
    }

    /// Creates `month`'s partition of `table`, first moving into it the rows the catch-all holds for
    /// that month (attaching fails while the catch-all holds any).
    private func createPartition(_ month: TraceMonth, of table: String, by column: String,
                                 _ connection: PostgresConnection) async throws {
        let partition = month.partitionName(of: table)
        let range = "\(column) >= \(month.startMicros) AND \(column) < \(month.endMicros)"
        for sql in [
            // Writers of that month wait until the partition is attached, so none lands in the
            // catch-all between the move and the attach (which would refuse it).
            "LOCK TABLE \(table)_default IN EXCLUSIVE MODE",
            "CREATE TABLE \(partition) (LIKE \(table) INCLUDING DEFAULTS)",
            "WITH moved AS (DELETE FROM \(table)_default WHERE \(range) RETURNING *) INSERT INTO \(partition) SELECT * FROM moved",
            "ALTER TABLE \(table) ATTACH PARTITION \(partition) FOR VALUES FROM (\(month.startMicros)) TO (\(month.endMicros))",
        ] {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}
