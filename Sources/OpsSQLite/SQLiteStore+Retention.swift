import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    /// One bounded batch per call, in one write transaction: the oldest `limit` records first, so
    /// each batch starts where the last one ended on the (project, created_at) indexes.
    public func purgeExpired(_ kind: RetentionKind, project: String, before cutoff: Date, limit: Int) async throws
        -> [String: Int] {
        let arguments: StatementArguments = [project, cutoff.epochMicros, max(1, limit)]
        return try await write("purging expired \(kind.rawValue) of \(project)") { db in
            var deleted: [String: Int] = [:]
            func delete(_ table: String, _ sql: String) throws {
                try db.execute(sql: sql, arguments: arguments)
                if db.changesCount > 0 { deleted[table] = db.changesCount }
            }
            switch kind {
            case .traces:
                // The same ordered subquery twice in one transaction selects the same traces; the
                // generations go first so they can be counted (the foreign key would cascade).
                let due = "SELECT id FROM traces WHERE project = ? AND created_at < ? ORDER BY created_at, id LIMIT ?"
                try delete("generations", "DELETE FROM generations WHERE trace_id IN (\(due))")
                try delete("traces", "DELETE FROM traces WHERE id IN (\(due))")
            case .scores:
                try delete("scores", """
                    DELETE FROM scores WHERE id IN \
                    (SELECT id FROM scores WHERE project = ? AND created_at < ? ORDER BY created_at, id LIMIT ?)
                    """)
            case .experiments:
                let due = "SELECT id FROM experiment_runs WHERE project = ? AND created_at < ? ORDER BY created_at, id LIMIT ?"
                try delete("experiment_items", "DELETE FROM experiment_items WHERE run_id IN (\(due))")
                try delete("experiment_runs", "DELETE FROM experiment_runs WHERE id IN (\(due))")
            }
            return deleted
        }
    }
}
