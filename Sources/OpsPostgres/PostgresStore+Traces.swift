import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    /// Writes the batch in one transaction with multi-row INSERTs: all traces and generations, or none.
    public func insertTraces(_ traces: [Trace]) async throws {
        guard !traces.isEmpty else { return }
        try await run("insert of \(traces.count) traces") {
            try await client.withTransaction(logger: logger) { connection in
                for chunk in traces.chunked(PostgresTraceSQL.rowsPerStatement) {
                    var binds = PostgresBindings(capacity: chunk.count * PostgresTraceSQL.traceColumns.count)
                    for trace in chunk { PostgresRowEncoder.append(trace, to: &binds) }
                    let sql = PostgresTraceSQL.insert(into: "traces", columns: PostgresTraceSQL.traceColumns,
                                                      rows: chunk.count)
                    try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: self.logger)
                }
                let generations = traces.flatMap { trace in
                    trace.generations.enumerated().map {
                        (generation: $0.element, position: $0.offset, project: trace.project, createdAt: trace.createdAt)
                    }
                }
                for chunk in generations.chunked(PostgresTraceSQL.rowsPerStatement) {
                    var binds = PostgresBindings(capacity: chunk.count * PostgresTraceSQL.generationColumns.count)
                    for row in chunk {
                        PostgresRowEncoder.append(row.generation, position: row.position, project: row.project,
                                                  traceCreatedAt: row.createdAt, to: &binds)
                    }
                    let sql = PostgresTraceSQL.insert(into: "generations", columns: PostgresTraceSQL.generationColumns,
                                                      rows: chunk.count)
                    try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: self.logger)
                }
            }
        }
    }

    public func trace(id: String, project: String) async throws -> Trace? {
        try await run("read of trace \(id)") {
            let rows = try await client.query("SELECT \(unescaped: PostgresTraceSQL.traceSelectList) FROM traces WHERE id = \(id) AND project = \(project)", logger: logger)
            var found: Trace?
            for try await row in rows { found = try PostgresRowDecoder.trace(row) }
            guard var trace = found else { return nil }
            trace.generations = try await generations(of: [id], project: project)[id] ?? []
            return trace
        }
    }

    public func listTraces(_ query: TraceQuery) async throws -> TracePage {
        let limit = min(max(query.limit, 1), 1000)
        return try await run("listing traces of \(query.project)") {
            var traces: [Trace] = []
            for try await row in try await client.query(PostgresTraceSQL.listTraces(query, limit: limit), logger: logger) {
                traces.append(try PostgresRowDecoder.trace(row))
            }
            let hasMore = traces.count > limit
            if hasMore { traces.removeLast() }
            if !traces.isEmpty {
                let byTrace = try await generations(of: traces.map(\.id), project: query.project)
                for index in traces.indices { traces[index].generations = byTrace[traces[index].id] ?? [] }
            }
            let next = hasMore
                ? traces.last.map { TraceCursor(createdAtMicros: $0.createdAt.epochMicros, id: $0.id) } : nil
            return TracePage(traces: traces, nextCursor: next)
        }
    }

    public func tracePoints(project: String, from: Date, to: Date, limit: Int) async throws -> [TracePoint] {
        try await run("reading trace points of \(project)") {
            var binds = PostgresBindings()
            binds.append(project)
            binds.append(from.epochMicros)
            binds.append(to.epochMicros)
            binds.append(max(limit, 0))
            var points: [TracePoint] = []
            let query = PostgresQuery(unsafeSQL: PostgresTraceSQL.selectPoints, binds: binds)
            for try await row in try await client.query(query, logger: logger) {
                points.append(try PostgresRowDecoder.point(row))
            }
            return points
        }
    }

    private func generations(of traceIDs: [String], project: String) async throws -> [String: [Generation]] {
        var binds = PostgresBindings()
        binds.append(project)
        binds.append(traceIDs)
        var byTrace: [String: [Generation]] = [:]
        let query = PostgresQuery(unsafeSQL: PostgresTraceSQL.selectGenerations, binds: binds)
        for try await row in try await client.query(query, logger: logger) {
            let generation = try PostgresRowDecoder.generation(row)
            byTrace[generation.traceID, default: []].append(generation)
        }
        return byTrace
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
