import Foundation

/// Where traces live. Implementations: `SQLiteStore`, `PostgresStore`, `InMemoryStore` (tests).
public protocol TraceStore: Sendable {
    /// Writes a batch in one transaction: all of it is stored, or none and the call throws.
    func insertTraces(_ traces: [Trace]) async throws
    /// One trace with its generations, only if it belongs to `project`.
    func trace(id: String, project: String) async throws -> Trace?
    /// A page of traces (with generations) matching the query, newest first.
    func listTraces(_ query: TraceQuery) async throws -> TracePage
    /// The dashboard's raw material for a project and time range, oldest first, at most `limit` points.
    func tracePoints(project: String, from: Date, to: Date, limit: Int) async throws -> [TracePoint]
}
