import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    /// One bounded batch per call: the ids due are read first and the rows that belong to them
    /// deleted by id in the same transaction, so every statement works on the same records.
    public func purgeExpired(_ kind: RetentionKind, project: String, before cutoff: Date, limit: Int) async throws
        -> [String: Int] {
        let limit = max(1, limit), cutoff = cutoff.epochMicros
        return try await run("purging expired \(kind.rawValue) of \(project)") {
            try await client.withTransaction(logger: logger) { connection in
                var deleted: [String: Int] = [:]
                func count(_ table: String, _ query: PostgresQuery) async throws {
                    for try await n in try await connection.query(query, logger: self.logger).decode(Int.self) where n > 0 {
                        deleted[table] = n
                    }
                }
                switch kind {
                case .traces:
                    var ids: [String] = []
                    for try await id in try await connection.query("""
                        SELECT id FROM traces WHERE project = \(project) AND created_at < \(cutoff) \
                        ORDER BY created_at, id LIMIT \(limit)
                        """, logger: self.logger).decode(String.self) { ids.append(id) }
                    guard !ids.isEmpty else { return deleted }
                    try await count("generations", """
                        WITH gone AS (DELETE FROM generations WHERE trace_id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM gone
                        """)
                    try await count("traces", """
                        WITH gone AS (DELETE FROM traces WHERE id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM gone
                        """)
                case .scores:
                    try await count("scores", """
                        WITH gone AS (DELETE FROM scores WHERE id IN (SELECT id FROM scores WHERE project = \(project) \
                        AND created_at < \(cutoff) ORDER BY created_at, id LIMIT \(limit)) RETURNING 1) SELECT count(*) FROM gone
                        """)
                case .experiments:
                    var ids: [String] = []
                    for try await id in try await connection.query("""
                        SELECT id FROM experiment_runs WHERE project = \(project) AND created_at < \(cutoff) \
                        ORDER BY created_at, id LIMIT \(limit)
                        """, logger: self.logger).decode(String.self) { ids.append(id) }
                    guard !ids.isEmpty else { return deleted }
                    try await count("experiment_items", """
                        WITH gone AS (DELETE FROM experiment_items WHERE run_id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM gone
                        """)
                    try await count("experiment_runs", """
                        WITH gone AS (DELETE FROM experiment_runs WHERE id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM gone
                        """)
                }
                return deleted
            }
        }
    }
}
