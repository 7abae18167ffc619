import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    /// Writes the batch in one transaction with cached statements: all traces and generations, or none.
    public func insertTraces(_ traces: [Trace]) async throws {
        guard !traces.isEmpty else { return }
        do {
            try await pool.writeWithoutTransaction { db in try Self.insertInTransaction(traces, into: db) }
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "insert of \(traces.count) traces")
        }
    }

    /// The same transaction on the calling thread (the recorder's writer thread), with no hop to
    /// GRDB's writer queue and back.
    public func insertTracesBlocking(_ traces: [Trace]) throws {
        guard !traces.isEmpty else { return }
        try insertBlocking(traces, journalApplied: nil)
    }

    public func journalApplied() throws -> UInt64 {
        do {
            let seq = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT applied_seq FROM trace_journal_position WHERE id = 1") }
            return UInt64(max(0, seq ?? 0))
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "read of the trace journal position")
        }
    }

    public func insertTracesBlocking(_ traces: [Trace], journalApplied: UInt64) throws {
        try insertBlocking(traces, journalApplied: journalApplied)
    }

    /// One transaction on the calling thread; with `journalApplied`, also the journal position.
    private func insertBlocking(_ traces: [Trace], journalApplied: UInt64?) throws {
        do {
            try pool.writeWithoutTransaction { db in try Self.insertInTransaction(traces, into: db, journalApplied: journalApplied) }
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "insert of \(traces.count) traces")
        }
    }

    /// The trace journal's directory, beside the database file.
    public var journalDirectory: String? { path + "-trace-journal" }

    /// One transaction begun and committed with cached statements: GRDB's own `write` parses its
    /// BEGIN anew each time, which cost as much as inserting a trace (profile of strict tracing).
    private static func insertInTransaction(_ traces: [Trace], into db: Database, journalApplied: UInt64? = nil) throws {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            try insert(traces, into: db)
            if let journalApplied {
                try db.cachedStatement(sql: """
                    INSERT INTO trace_journal_position (id, applied_seq) VALUES (1, ?)
                    ON CONFLICT (id) DO UPDATE SET applied_seq = excluded.applied_seq
                    """).execute(arguments: [Int64(journalApplied)])
            }
            try db.cachedStatement(sql: "COMMIT").execute()
        } catch {
            if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
            throw error
        }
    }

    private static func insert(_ traces: [Trace], into db: Database) throws {
        var trace = SQLiteInsertBinder(try db.cachedStatement(sql: SQLiteTraceSQL.insertTrace), in: db)
        var generation = SQLiteInsertBinder(try db.cachedStatement(sql: SQLiteTraceSQL.insertGeneration), in: db)
        for row in traces {
            SQLiteRowEncoder.bind(row, to: &trace)
            try trace.step()
            for (position, attempt) in row.generations.enumerated() {
                SQLiteRowEncoder.bind(attempt, position: position, project: row.project, to: &generation)
                try generation.step()
            }
        }
    }

    public func trace(id: String, project: String) async throws -> Trace? {
        try await read("read of trace \(id)") { db in
            guard let row = try Row.fetchOne(db, sql: SQLiteTraceSQL.selectTrace, arguments: [id, project]) else {
                return nil
            }
            var trace = try SQLiteRowDecoder.trace(row)
            trace.generations = try Row.fetchAll(db, sql: SQLiteTraceSQL.selectGenerationsOfTrace,
                                                 arguments: [id, project]).map(SQLiteRowDecoder.generation)
            return trace
        }
    }

    public func listTraces(_ query: TraceQuery) async throws -> TracePage {
        let limit = min(max(query.limit, 1), 1000)
        let (sql, arguments) = SQLiteTraceSQL.listTraces(query, limit: limit)
        return try await read("listing traces of \(query.project)") { db in
            var traces = try Row.fetchAll(db, sql: sql, arguments: arguments).map(SQLiteRowDecoder.trace)
            let hasMore = traces.count > limit
            if hasMore { traces.removeLast() }
            try Self.attachGenerations(to: &traces, project: query.project, db: db)
            let next = hasMore ? traces.last.map { TraceCursor(createdAtMicros: $0.createdAt.epochMicros, id: $0.id) }
                : nil
            return TracePage(traces: traces, nextCursor: next)
        }
    }

    public func tracePoints(project: String, from: Date, to: Date, limit: Int) async throws -> [TracePoint] {
        try await read("reading trace points of \(project)") { db in
            try Row.fetchAll(db, sql: SQLiteTraceSQL.selectPoints,
                             arguments: [project, from.epochMicros, to.epochMicros, max(limit, 0)])
                .map(SQLiteRowDecoder.point)
        }
    }

    private static func attachGenerations(to traces: inout [Trace], project: String, db: Database) throws {
        guard !traces.isEmpty else { return }
        var arguments: [(any DatabaseValueConvertible)?] = [project]
        arguments.append(contentsOf: traces.map(\.id))
        let rows = try Row.fetchAll(db, sql: SQLiteTraceSQL.selectGenerations(traceCount: traces.count),
                                    arguments: StatementArguments(arguments))
        var byTrace: [String: [Generation]] = [:]
        for row in rows {
            let generation = try SQLiteRowDecoder.generation(row)
            byTrace[generation.traceID, default: []].append(generation)
        }
        for index in traces.indices {
            traces[index].generations = byTrace[traces[index].id] ?? []
        }
    }
}
