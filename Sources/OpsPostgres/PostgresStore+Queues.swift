import Foundation
import OpsCore
import PostgresNIO

// Handing out items is one UPDATE whose subquery picks the first waiting item `FOR UPDATE SKIP
// LOCKED`: a reviewer asking at the same moment as another (on any replica) skips the row the other
// is taking and gets the next one, and never waits on it.
extension PostgresStore {
    static let queueColumns = "id, project, name, description, score_names, run_id, lease_seconds, item_count, author, created_at"
    static let queueItemColumns = "queue_id, position, trace_id, run_id, item, state, reviewer, lease_expires_at, done_at"

    public func createQueue(_ queue: AnnotationQueue, targets: [ScoreTarget]) async throws {
        let positions = Array(0..<targets.count)
        let traceIDs = targets.compactMap { $0.traceID.map(PostgresText.clean) }
        let runItems = targets.compactMap(\.item)
        try await run("creating annotation queue \(queue.id)") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("""
                    INSERT INTO annotation_queues (\(unescaped: Self.queueColumns)) VALUES (\(queue.id), \(queue.project), \
                    \(PostgresText.clean(queue.name)), \(PostgresText.clean(queue.description)), \
                    \(PostgresText.json(.array(queue.scoreNames.map { .string($0) }))), \(queue.runID), \(queue.leaseSeconds), \
                    \(targets.count), \(PostgresText.clean(queue.author)), \(queue.createdAt.epochMicros))
                    """, logger: self.logger)
                if let runID = queue.runID {
                    try await connection.query("""
                        INSERT INTO annotation_queue_items (queue_id, position, run_id, item, state) \
                        SELECT \(queue.id), p, \(runID), i, 'pending' FROM unnest(\(positions)::int8[], \(runItems)::int8[]) AS u(p, i)
                        """, logger: self.logger)
                } else {
                    try await connection.query("""
                        INSERT INTO annotation_queue_items (queue_id, position, trace_id, state) \
                        SELECT \(queue.id), p, t, 'pending' FROM unnest(\(positions)::int8[], \(traceIDs)::text[]) AS u(p, t)
                        """, logger: self.logger)
                }
            }
        }
    }

    // The queue row is locked first, so two additions at once take turns: the second sees the
    // first's items (and item_count) and appends after them.
    public func appendQueueItems(queueID: String, project: String, targets: [ScoreTarget]) async throws -> [QueueItem] {
        try await run("adding items to annotation queue \(queueID)") {
            try await client.withTransaction(logger: logger) { connection in
                var count: Int?
                for try await held in try await connection.query("""
                    SELECT item_count FROM annotation_queues WHERE id = \(queueID) AND project = \(project) FOR UPDATE
                    """, logger: self.logger).decode(Int.self) { count = held }
                guard let count else { throw Self.queueNotFound(queueID) }
                var held: Set<ScoreTarget> = []
                for try await (trace, run, item) in try await connection.query("""
                    SELECT trace_id, run_id, item FROM annotation_queue_items WHERE queue_id = \(queueID)
                    """, logger: self.logger).decode((String?, String?, Int?).self) {
                    held.insert(try StoredColumns.target(traceID: trace, runID: run, item: item, of: "an item of \(queueID)"))
                }
                let added = Self.newTargets(targets.map(Self.cleaned), held: held)
                guard !added.isEmpty else { return [] }
                guard count + added.count <= AnnotationQueue.maxItems else {
                    throw Self.queueFull(queueID, holds: count, adding: added.count)
                }
                let items = added.enumerated().map { QueueItem(queueID: queueID, position: count + $0.offset, target: $0.element) }
                let traces = items.filter { $0.target.traceID != nil }
                let runItems = items.filter { $0.target.runID != nil }
                if !traces.isEmpty {
                    try await connection.query("""
                        INSERT INTO annotation_queue_items (queue_id, position, trace_id, state) \
                        SELECT \(queueID), p, t, 'pending' \
                        FROM unnest(\(traces.map(\.position))::int8[], \(traces.compactMap(\.target.traceID))::text[]) AS u(p, t)
                        """, logger: self.logger)
                }
                if !runItems.isEmpty {
                    try await connection.query("""
                        INSERT INTO annotation_queue_items (queue_id, position, run_id, item, state) \
                        SELECT \(queueID), p, r, i, 'pending' FROM unnest(\(runItems.map(\.position))::int8[], \
                        \(runItems.compactMap(\.target.runID))::text[], \(runItems.compactMap(\.target.item))::int8[]) AS u(p, r, i)
                        """, logger: self.logger)
                }
                try await connection.query("""
                    UPDATE annotation_queues SET item_count = \(count + added.count) WHERE id = \(queueID)
                    """, logger: self.logger)
                return items
            }
        }
    }

    /// A target as the store keeps it (trace ids without NUL characters).
    private static func cleaned(_ target: ScoreTarget) -> ScoreTarget {
        target.traceID.map { .trace(PostgresText.clean($0)) } ?? target
    }

    public func queue(id: String, project: String) async throws -> AnnotationQueue? {
        try await run("reading annotation queue \(id)") {
            try await Self.queues(client.query("""
                SELECT \(unescaped: Self.queueColumns) FROM annotation_queues WHERE id = \(id) AND project = \(project)
                """, logger: logger)).first
        }
    }

    public func queues(project: String) async throws -> [AnnotationQueue] {
        try await run("listing annotation queues") {
            try await Self.queues(client.query("""
                SELECT \(unescaped: Self.queueColumns) FROM annotation_queues WHERE project = \(project) \
                ORDER BY created_at DESC, id DESC
                """, logger: logger))
        }
    }

    public func queueProgress(id: String, project: String, at now: Date) async throws -> QueueProgress? {
        guard let queue = try await queue(id: id, project: project) else { return nil }
        return try await run("counting annotation queue \(id)") {
            var progress = QueueProgress(total: queue.itemCount)
            for try await (state, count) in try await client.query("""
                SELECT CASE WHEN state = 'leased' AND lease_expires_at <= \(now.epochMicros) THEN 'pending' ELSE state END AS s, \
                count(*) FROM annotation_queue_items WHERE queue_id = \(id) GROUP BY s
                """, logger: logger).decode((String, Int).self) {
                switch QueueItem.State(rawValue: state) {
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
        try await run("reading item \(position) of queue \(queueID)") {
            try await Self.items(client.query("""
                SELECT \(unescaped: Self.queueItemColumns) FROM annotation_queue_items WHERE queue_id = \(queueID) \
                AND position = \(position) AND queue_id IN (SELECT id FROM annotation_queues WHERE project = \(project))
                """, logger: logger)).first
        }
    }

    public func leasedItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        try await run("reading the lease of \(reviewer) in queue \(queueID)") {
            try await Self.items(client.query("""
                SELECT \(unescaped: Self.queueItemColumns) FROM annotation_queue_items WHERE queue_id = \(queueID) \
                AND state = 'leased' AND reviewer = \(reviewer) AND lease_expires_at > \(now.epochMicros) \
                AND queue_id IN (SELECT id FROM annotation_queues WHERE project = \(project)) ORDER BY position LIMIT 1
                """, logger: logger)).first
        }
    }

    public func leaseNextItem(queueID: String, project: String, reviewer: String, at now: Date) async throws -> QueueItem? {
        guard let queue = try await queue(id: queueID, project: project) else { throw Self.queueNotFound(queueID) }
        if let held = try await leasedItem(queueID: queueID, project: project, reviewer: reviewer, at: now) { return held }
        let until = now.addingTimeInterval(Double(queue.leaseSeconds)).epochMicros
        return try await run("leasing the next item of queue \(queueID)") {
            try await Self.items(client.query("""
                UPDATE annotation_queue_items SET state = 'leased', reviewer = \(reviewer), lease_expires_at = \(until) \
                WHERE queue_id = \(queueID) AND position = (SELECT position FROM annotation_queue_items \
                WHERE queue_id = \(queueID) AND (state = 'pending' OR (state = 'leased' AND lease_expires_at <= \(now.epochMicros))) \
                ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING \(unescaped: Self.queueItemColumns)
                """, logger: logger)).first
        }
    }

    public func completeItem(queueID: String, project: String, position: Int, reviewer: String, scores: [Score],
                             at now: Date) async throws -> QueueItem {
        try await close(queueID: queueID, project: project, position: position, as: .completed, reviewer: reviewer,
                        scores: scores, at: now)
    }

    public func skipItem(queueID: String, project: String, position: Int, reviewer: String, at now: Date) async throws -> QueueItem {
        try await close(queueID: queueID, project: project, position: position, as: .skipped, reviewer: reviewer, scores: [], at: now)
    }

    /// Locks the item row, checks it may be closed by `reviewer`, stores the scores and closes it, in one transaction.
    private func close(queueID: String, project: String, position: Int, as state: QueueItem.State, reviewer: String,
                       scores: [Score], at now: Date) async throws -> QueueItem {
        try await run("closing item \(position) of queue \(queueID)") {
            try await client.withTransaction(logger: logger) { connection in
                var found = false
                for try await _ in try await connection.query("""
                    SELECT id FROM annotation_queues WHERE id = \(queueID) AND project = \(project)
                    """, logger: self.logger) { found = true }
                guard found else { throw Self.queueNotFound(queueID) }
                guard let item = try await Self.items(connection.query("""
                    SELECT \(unescaped: Self.queueItemColumns) FROM annotation_queue_items \
                    WHERE queue_id = \(queueID) AND position = \(position) FOR UPDATE
                    """, logger: self.logger)).first else { throw QueueItem.notFound(queueID: queueID, position: position) }
                if let error = item.closingError(by: reviewer, at: now) { throw error }
                try await Self.insert(scores, on: connection, logger: self.logger)
                let closed = item.closed(as: state, by: reviewer, at: now)
                try await connection.query("""
                    UPDATE annotation_queue_items SET state = \(state.rawValue), reviewer = \(reviewer), lease_expires_at = NULL, \
                    done_at = \(closed.doneAt?.epochMicros) WHERE queue_id = \(queueID) AND position = \(position)
                    """, logger: self.logger)
                return closed
            }
        }
    }

    private static func queues(_ rows: PostgresRowSequence) async throws -> [AnnotationQueue] {
        var out: [AnnotationQueue] = []
        for try await (id, project, name, description, names, runID, lease, count, author, created) in rows
            .decode((String, String, String, String, String, String?, Int, Int, String, Int64).self) {
            out.append(try StoredColumns.annotationQueue(id: id, project: project, name: name, description: description,
                                                         scoreNames: names, runID: runID, leaseSeconds: lease, itemCount: count,
                                                         author: author, createdAtMicros: created))
        }
        return out
    }

    static func items(_ rows: PostgresRowSequence) async throws -> [QueueItem] {
        var out: [QueueItem] = []
        for try await (queue, position, trace, run, item, state, reviewer, lease, done) in rows
            .decode((String, Int, String?, String?, Int?, String, String?, Int64?, Int64?).self) {
            out.append(try StoredColumns.queueItem(queueID: queue, position: position, traceID: trace, runID: run, item: item,
                                                   state: state, reviewer: reviewer, leaseExpiresMicros: lease, doneMicros: done))
        }
        return out
    }
}
