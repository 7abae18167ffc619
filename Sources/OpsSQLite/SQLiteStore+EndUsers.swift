import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    public func queueItems(project: String, traceIDs: [String]) async throws -> [QueueItem] {
        guard !traceIDs.isEmpty else { return [] }
        return try await read("reading queue items of \(traceIDs.count) traces") { db in
            var items: [QueueItem] = []
            // Chunks stay far below SQLite's limit on bound parameters.
            for chunk in stride(from: 0, to: traceIDs.count, by: 500).map({ traceIDs[$0..<min($0 + 500, traceIDs.count)] }) {
                var arguments: [(any DatabaseValueConvertible)?] = [project]
                arguments.append(contentsOf: chunk.map { SQLiteRowEncoder.text($0) })
                items += try Row.fetchAll(db, sql: """
                    SELECT \(Self.queueItemColumns) FROM annotation_queue_items \
                    WHERE queue_id IN (SELECT id FROM annotation_queues WHERE project = ?) \
                    AND trace_id IN (\(SQLiteTraceSQL.placeholders(chunk.count)))
                    """, arguments: StatementArguments(arguments)).map(SQLiteRowDecoder.queueItem)
            }
            return items.sorted { ($0.queueID, $0.position) < ($1.queueID, $1.position) }
        }
    }

    public func eraseEndUser(project: String, user: String) async throws -> [String: Int] {
        let user = SQLiteRowEncoder.text(user) ?? user
        return try await write("erasing an end user's records in \(project)") { db in
            let traces = "SELECT id FROM traces WHERE project = ? AND user_id = ?"
            var counts: [String: Int] = [:]
            func delete(_ table: String, _ sql: String, _ arguments: StatementArguments) throws {
                try db.execute(sql: sql, arguments: arguments)
                counts[table] = db.changesCount
            }
            // Versions holding an item made from one of the traces: the item names its trace in its metadata.
            let versions = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT version_seq FROM dataset_items \
                WHERE version_seq IN (SELECT seq FROM dataset_versions WHERE project = ?) \
                AND json_extract(item, '$.metadata.trace_id') IN (\(traces))
                """, arguments: [project, project, user])
            let seqs = versions.isEmpty ? "NULL" : versions.map(String.init).joined(separator: ", ")
            try delete("dataset_items", "DELETE FROM dataset_items WHERE version_seq IN (\(seqs))", [])
            try delete("dataset_versions", "DELETE FROM dataset_versions WHERE seq IN (\(seqs))", [])
            try delete("queue_items", """
                DELETE FROM annotation_queue_items WHERE queue_id IN (SELECT id FROM annotation_queues WHERE project = ?) \
                AND trace_id IN (\(traces))
                """, [project, project, user])
            try delete("scores", "DELETE FROM scores WHERE project = ? AND trace_id IN (\(traces))", [project, project, user])
            try delete("generations", "DELETE FROM generations WHERE trace_id IN (\(traces))", [project, user])
            try delete("traces", "DELETE FROM traces WHERE project = ? AND user_id = ?", [project, user])
            return counts
        }
    }
}
