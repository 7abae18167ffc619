import Logging
import OpsCore

/// Opens the trace journal of a store at start-up: applies the records a previous run journaled
/// but did not apply (it died), then starts a fresh segment.
public enum JournalRecovery {
    /// What start-up found in the journal.
    public struct Outcome: Sendable {
        public var journal: TraceJournal
        public var applied: Int
        public var unreadable: Int
        public var tornBytes: Int
    }

    public static let batchSize = 1_000

    /// Nil when the store has no journal directory. Throws when the journal cannot be opened
    /// (locked by another process, unwritable) or the store refuses the recovered traces.
    public static func open(for store: any JournaledTraceWriting, logger: Logger) throws -> Outcome? {
        guard let directory = store.journalDirectory else { return nil }
        let journal = try TraceJournal(directory: directory)
        let recovery = try journal.recover(after: try store.journalApplied())
        var outcome = Outcome(journal: journal, applied: 0, unreadable: 0, tornBytes: recovery.tornBytes)
        var start = 0
        while start < recovery.records.count {
            let slice = recovery.records[start..<min(start + batchSize, recovery.records.count)]
            var traces: [Trace] = []
            for record in slice {
                do {
                    traces.append(try TraceRecordCodec.decode(record.payload))
                } catch {
                    outcome.unreadable += 1
                    logger.error("trace journal record \(record.seq) is unreadable and skipped: \(error)")
                }
            }
            try store.insertTracesBlocking(traces, journalApplied: slice.last!.seq)
            outcome.applied += traces.count
            start += slice.count
        }
        try journal.start()
        if outcome.applied > 0 || outcome.tornBytes > 0 {
            let torn = outcome.tornBytes > 0 ? "; ignored \(outcome.tornBytes) byte(s) of an unfinished write" : ""
            logger.notice("trace journal: applied \(outcome.applied) trace(s) the previous run had acknowledged but not stored\(torn)")
        }
        return outcome
    }
}
