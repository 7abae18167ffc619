import Foundation

/// Where expired records are deleted, a bounded batch per transaction so that a purge of millions of
/// rows never holds the database for long.
public protocol RetentionStore: Sendable {
    /// Deletes, in one transaction, up to `limit` of the oldest records of `kind` in `project`
    /// created before `cutoff`, with the rows that belong to them (a trace's generations, a run's
    /// item results). Returns the rows deleted per table, e.g. `["traces": 5000, "generations": 5230]`;
    /// tables with nothing deleted are left out, so an empty answer means nothing more is due.
    func purgeExpired(_ kind: RetentionKind, project: String, before cutoff: Date, limit: Int) async throws -> [String: Int]

    /// Stores that keep traces in time partitions make sure partitions exist for the time around
    /// `now` (and for any time the catch-all partition holds), so new traces land in a partition
    /// that can later be dropped whole. Others do nothing.
    func prepareTracePartitions(around now: Date) async throws

    /// Stores that keep traces in time partitions drop, whole, every partition whose time range
    /// ends at or before `cutoff` (every project's retention has passed it), and return the rows
    /// dropped per project and table. Others drop nothing.
    func dropTracePartitions(endingBy cutoff: Date) async throws -> [String: [String: Int]]
}

extension RetentionStore {
    public func prepareTracePartitions(around now: Date) async throws {}

    public func dropTracePartitions(endingBy cutoff: Date) async throws -> [String: [String: Int]] { [:] }
}
