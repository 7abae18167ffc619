import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    public func queueItems(project: String, traceIDs: [String]) async throws -> [QueueItem] {
        guard !traceIDs.isEmpty else { return [] }
        let ids = traceIDs.map(PostgresText.clean)
        return try await run("reading queue items of \(traceIDs.count) traces") {
            try await Self.items(client.query("""
                SELECT \(unescaped: Self.queueItemColumns) FROM annotation_queue_items \
                WHERE queue_id IN (SELECT id FROM annotation_queues WHERE project = \(project)) AND trace_id = ANY(\(ids)) \
                ORDER BY queue_id, position
                """, logger: logger))
        }
    }

    public func eraseEndUser(project: String, user: String) async throws -> [String: Int] {
        let user = PostgresText.clean(user)
        return try await run("erasing an end user's records in \(project)") {
            try await client.withTransaction(logger: logger) { connection in
                var ids: [String] = []
                // FOR UPDATE: a concurrent score or queue addition for one of these traces waits for the erasure.
                for try await id in try await connection.query("""
                    SELECT id FROM traces WHERE project = \(project) AND user_id = \(user) FOR UPDATE
                    """, logger: self.logger).decode(String.self) { ids.append(id) }
                var counts = Dictionary(uniqueKeysWithValues: ErasedTables.all.map { ($0, 0) })
                guard !ids.isEmpty else { return counts }
                func count(_ table: String, _ query: PostgresQuery) async throws {
                    for try await n in try await connection.query(query, logger: self.logger).decode(Int.self) { counts[table] = n }
                }
                // Versions holding an item made from one of the traces: the item names its trace in its metadata.
                var versions: [Int64] = []
                for try await seq in try await connection.query("""
                    SELECT DISTINCT i.version_seq FROM dataset_items i JOIN dataset_versions v ON v.seq = i.version_seq \
                    WHERE v.project = \(project) AND (i.item::jsonb) -> 'metadata' ->> 'trace_id' = ANY(\(ids))
                    """, logger: self.logger).decode(Int64.self) { versions.append(seq) }
                try await count("dataset_items", """
                    WITH gone AS (DELETE FROM dataset_items WHERE version_seq = ANY(\(versions)) RETURNING 1) SELECT count(*) FROM gone
                    """)
                try await count("dataset_versions", """
                    WITH gone AS (DELETE FROM dataset_versions WHERE seq = ANY(\(versions)) RETURNING 1) SELECT count(*) FROM gone
                    """)
                try await count("queue_items", """
                    WITH gone AS (DELETE FROM annotation_queue_items WHERE trace_id = ANY(\(ids)) \
                    AND queue_id IN (SELECT id FROM annotation_queues WHERE project = \(project)) RETURNING 1) \
                    SELECT count(*) FROM gone
                    """)
                try await count("scores", """
                    WITH gone AS (DELETE FROM scores WHERE project = \(project) AND trace_id = ANY(\(ids)) RETURNING 1) \
                    SELECT count(*) FROM gone
                    """)
                try await count("generations", """
                    WITH gone AS (DELETE FROM generations WHERE trace_id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM gone
                    """)
                try await count("traces", """
                    WITH gone AS (DELETE FROM traces WHERE id = ANY(\(ids)) RETURNING 1) SELECT count(*) FROM gone
                    """)
                return counts
            }
        }
    }
}
