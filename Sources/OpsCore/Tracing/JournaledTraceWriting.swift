/// An embedded trace store that can sit behind strict mode's trace journal: it keeps, in the
/// same transaction as each batch, the highest journal record number the batch applies, so
/// recovery after a crash applies exactly the records after it (`TraceJournal`).
public protocol JournaledTraceWriting: BlockingTraceWriting {
    /// The highest journal record number applied so far; 0 before the first.
    func journalApplied() throws -> UInt64
    /// `insertTracesBlocking`, also recording `journalApplied` as applied (in the same transaction).
    func insertTracesBlocking(_ traces: [Trace], journalApplied: UInt64) throws
    /// Where the journal for this store lives (next to its file); nil when the store has no file.
    var journalDirectory: String? { get }
}
