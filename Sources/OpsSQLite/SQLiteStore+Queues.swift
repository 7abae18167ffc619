import Foundation
import GRDB
import OpsCore

// SQLite has one writer at a time, so reading the first waiting item and leasing it inside one
// write transaction is already atomic: two reviewers asking at once are served one after the other.
extension SQLiteStore {
    static let queueColumns = "id, project, name, description, score_names, run_id, lease_seconds, item_count, author, created_at"
    static let queueItemColumns = "queue_id, position, trace_id, run_id, item, state, reviewer, lease_expires_at, done_at"

    public func createQueue(_ queue: AnnotationQueue, targets: [ScoreTarget]) async throws {
        try await write("creating annotation queue \(queue.id)") { db in
            try db.execute(sql: "INSERT INTO annotation_queues (\(Self.queueColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           arguments: [queue.id, queue.project, SQLiteRowEncoder.text(queue.name),
                                       SQLiteRowEncoder.text(queue.description),
                                       SQLiteRowEncoder.json(.array(queue.scoreNames.map { .string($0) })), queue.runID,
                                       queue.leaseSeconds, targets.count, SQLiteRowEncoder.text(queue.author),
                                       queue.createdAt.epochMicros])
            let statement = try db.makeStatement(sql: """
                INSERT INTO annotation_queue_items (queue_id, position, trace_id, run_id, item, state) VALUES (?, ?, ?, ?, ?, 'pending')
                """)
            for (position, target) in targets.enumerated() {
                let columns = StoredColumns.columns(of: target)
                try statement.execute(arguments: [queue.id, position, SQLiteRowEncoder.text(columns.traceID), columns.runID, columns.item])
            }
        }
    }

    public func appendQueueItems(queueID: String, project: String, targets: [ScoreTarget]) async throws -> [QueueItem] {
        try await write("adding items to annotation queue \(queueID)") { db in
            guard let queue = try Self.queue(queueID, project, in: db) else { throw Self.queueNotFound(queueID) }
            let held = try Row.fetchAll(db, sql: "SELECT trace_id, run_id, item FROM annotation_queue_items WHERE queue_id = ?",
                                        arguments: [queueID]).map { row in
                try StoredColumns.target(traceID: row[0], runID: row[1], item: row[2], of: "an item of \(queueID)")
            }
            // Stored trace ids have NUL characters replaced (see `SQLiteRowEncoder.text`); compare them so.
            let stored = targets.map { target in target.traceID.map { ScoreTarget.trace(SQLiteRowEncoder.text($0) ?? $0) } ?? target }
            let added = Self.newTargets(stored, held: Set(held))
            guard !added.isEmpty else { return [] }
            guard queue.itemCount + added.count <= AnnotationQueue.maxItems else {
                throw Self.queueFull(queueID, holds: queue.itemCount, adding: added.count)
            }
            let statement = try db.makeStatement(sql: """
                INSERT INTO annotation_queue_items (queue_id, position, trace_id, run_id, item, state) VALUES (?, ?, ?, ?, ?, 'pending')
                """)
            var items: [QueueItem] = []
            for (offset, target) in added.enumerated() {
                let columns = StoredColumns.columns(of: target)
                let position = queue.itemCount + offset
                try statement.execute(arguments: [queueID, position, columns.traceID, columns.runID, columns.item])
                items.append(QueueItem(queueID: queueID, position: position, target: target))
            }
            try db.execute(sql: "UPDATE annotation_queues SET item_count = ? WHERE id = ?",
                           arguments: [queue.itemCount + added.count, queueID])
            return items
        }
    }

    public func queue(id: String, project: String) async throws -> AnnotationQueue? {
        try await read("reading annotation queue \(id)") { db in try Self.queue(id, project, in: db) }
    }

    static func queue(_ id: String, _ project: String, in db: Database) throws -> AnnotationQueue? {
        try Row.fetchOne(db, sql: "SELECT \(queueColumns) FROM annotation_queues WHERE id = ? AND project = ?",
                         arguments: [id, project]).map(SQLiteRowDecoder.annotationQueue)
    }

    public func queues(project: String) async throws -> [AnnotationQueue] {
        try await read("listing annotation queues") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.queueColumns) FROM annotation_queues WHERE project = ? ORDER BY created_at DESC, id DESC
                """, arguments: [project]).map(SQLiteRowDecoder.annotationQueue)
        }
    }

    public func queueProgress(id: String, project: String, at now: Date) async throws -> QueueProgress? {
        try await read("counting annotation queue \(id)") { db in
            guard let queue = try Self.queue(id, project, in: db) else { return nil }
            var progress = QueueProgress(total: queue.itemCount)
            let rows = try Row.fetchAll(db, sql: """
                SELECT CASE WHEN state = 'leased' AND lease_expires_at <= ? THEN 'pending' ELSE state END AS s, count(*) \
                FROM annotation_queue_items WHERE queue_id = ? GROUP BY s
                """, arguments: [now.epochMicros, id])
            for row in rows {
                let count: Int = row[1]
                switch QueueItem.State(rawValue: row[0]) {
                case .pending?: progress.pending += count
                case .leased?: progress.leased += count
                case .completed?: progress.completed += count
                case .skipped?: progress.skipped += count
                case nil: break
                }
            }
            // Items erased with an end user's traces leave gaps in the positions: count the rows.
            progress.total = progress.pending + progress.leased + progress.done
            return progress
        }
    }

    public func queueItem(queueID: String, project: String, position: Int) async throws -> QueueItem? {
        try await read("reading item \(position) of queue \(queueID)") { db in
            try Self.item(queueID, project, position, in: db)
        }
    }

    static func item(_ queueID: String, _ project: String, _ position: Int, in db: Database) throws -> QueueItem? {
        try Row.fetchOne(db, sql: """
            SELECT \(queueItemColumns) FROM annotation_queue_items WHERE queue_id = ? AND position = ? \
            AND queue_id IN (SELECT id FROM annotation_queues WHERE project = ?)
            """, arguments: [queueID, position, project]).map(SQLiteRowDecoder.queueItem)
    }

    public func leasedItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        try await read("reading the lease of \(reviewer) in queue \(queueID)") { db in
            try Self.held(queueID, project, reviewer, now, in: db)
        }
    }

    static func held(_ queueID: String, _ project: String, _ reviewer: String, _ now: Date, in db: Database) throws -> QueueItem? {
        try Row.fetchOne(db, sql: """
            SELECT \(queueItemColumns) FROM annotation_queue_items WHERE queue_id = ? AND state = 'leased' AND reviewer = ? \
            AND lease_expires_at > ? AND queue_id IN (SELECT id FROM annotation_queues WHERE project = ?) ORDER BY position LIMIT 1
            """, arguments: [queueID, reviewer, now.epochMicros, project]).map(SQLiteRowDecoder.queueItem)
    }

    public func leaseNextItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        try await write("leasing the next item of queue \(queueID)") { db in
            guard let queue = try Self.queue(queueID, project, in: db) else { throw Self.queueNotFound(queueID) }
            if let held = try Self.held(queueID, project, reviewer, now, in: db) { return held }
            let until = now.addingTimeInterval(Double(queue.leaseSeconds)).epochMicros
            return try Row.fetchOne(db, sql: """
                UPDATE annotation_queue_items SET state = 'leased', reviewer = ?, lease_expires_at = ? \
                WHERE queue_id = ? AND position = (SELECT position FROM annotation_queue_items WHERE queue_id = ? \
                AND (state = 'pending' OR (state = 'leased' AND lease_expires_at <= ?)) ORDER BY position LIMIT 1) \
                RETURNING \(Self.queueItemColumns)
                """, arguments: [reviewer, until, queueID, queueID, now.epochMicros]).map(SQLiteRowDecoder.queueItem)
        }
    }

    public func completeItem(queueID: String, project: String, position: Int, reviewer: String, scores: [Score],
                             at now: Date) async throws -> QueueItem {
        try await write("completing item \(position) of queue \(queueID)") { db in
            let item = try Self.closable(queueID, project, position, reviewer, now, in: db)
            try Self.insert(scores, in: db)
            return try Self.close(item, as: .completed, by: reviewer, at: now, in: db)
        }
    }

    public func skipItem(queueID: String, project: String, position: Int, reviewer: String, at now: Date) async throws -> QueueItem {
        try await write("skipping item \(position) of queue \(queueID)") { db in
            let item = try Self.closable(queueID, project, position, reviewer, now, in: db)
            return try Self.close(item, as: .skipped, by: reviewer, at: now, in: db)
        }
    }

    private static func closable(_ queueID: String, _ project: String, _ position: Int, _ reviewer: String, _ now: Date,
                                 in db: Database) throws -> QueueItem {
        guard try queue(queueID, project, in: db) != nil else { throw queueNotFound(queueID) }
        guard let item = try item(queueID, project, position, in: db) else {
            throw QueueItem.notFound(queueID: queueID, position: position)
        }
        if let error = item.closingError(by: reviewer, at: now) { throw error }
        return item
    }

    private static func close(_ item: QueueItem, as state: QueueItem.State, by reviewer: String, at now: Date,
                              in db: Database) throws -> QueueItem {
        let closed = item.closed(as: state, by: reviewer, at: now)
        try db.execute(sql: """
            UPDATE annotation_queue_items SET state = ?, reviewer = ?, lease_expires_at = NULL, done_at = ? \
            WHERE queue_id = ? AND position = ?
            """, arguments: [state.rawValue, reviewer, closed.doneAt?.epochMicros, item.queueID, item.position])
        return closed
    }
}

extension SQLiteRowDecoder {
    /// A row of `SQLiteStore.queueColumns`.
    static func annotationQueue(_ row: Row) throws -> AnnotationQueue {
        try StoredColumns.annotationQueue(id: row[0], project: row[1], name: row[2], description: row[3], scoreNames: row[4],
                                          runID: row[5], leaseSeconds: row[6], itemCount: row[7], author: row[8],
                                          createdAtMicros: row[9])
    }

    /// A row of `SQLiteStore.queueItemColumns`.
    static func queueItem(_ row: Row) throws -> QueueItem {
        try StoredColumns.queueItem(queueID: row[0], position: row[1], traceID: row[2], runID: row[3], item: row[4], state: row[5],
                                    reviewer: row[6], leaseExpiresMicros: row[7], doneMicros: row[8])
    }
}
