/// A trace store that can commit a batch on the calling thread. The recorder then writes from a
/// thread of its own that is also the one committing, instead of handing every batch to the
/// store's queue and back: at small group-commit batches (strict mode) those two thread hops per
/// commit cost more than the commit. Embedded stores implement it (`SQLiteStore`); stores across a
/// network do not, so a dead connection never holds a thread (they keep the async, time-limited path).
public protocol BlockingTraceWriting: TraceStore {
    /// Writes a batch in one transaction on the calling thread: all of it is stored, or none and the call throws.
    /// May block (e.g. while another process holds the write lock, up to the store's busy timeout).
    func insertTracesBlocking(_ traces: [Trace]) throws
}
