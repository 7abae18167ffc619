/// Where the audit chain breaks: the first entry that is missing or does not match.
public struct AuditBreak: Error, Sendable, Hashable, CustomStringConvertible {
    /// The sequence number of the first bad or missing entry.
    public var sequence: Int64
    public var reason: String

    public init(sequence: Int64, reason: String) {
        self.sequence = sequence
        self.reason = reason
    }

    public var description: String { "entry \(sequence): \(reason)" }
}

/// Walks the chain in sequence order, page by page, and stops at the first break: a gap in the
/// numbers (a deleted entry), a hash that does not cover the row's fields (an edited entry), a
/// previous hash that is not the entry before's (an entry replaced or re-chained), or a log that
/// ends before its head row says it does (entries deleted from the end).
public struct AuditVerifier: Sendable {
    /// Entries checked so far.
    public private(set) var count = 0
    private var last = AuditHead.genesis

    public init() {}

    /// The sequence number the next page starts after.
    public var lastSequence: Int64 { last.sequence }

    /// Checks the next entry; throws the break it finds.
    public mutating func check(_ entry: AuditEntry) throws(AuditBreak) {
        let expected = last.sequence + 1
        if entry.sequence > expected {
            let range = entry.sequence - 1 == expected ? "\(expected)" : "\(expected)…\(entry.sequence - 1)"
            throw AuditBreak(sequence: expected, reason: "missing (entries \(range) are not in the log; the next one is \(entry.sequence))")
        }
        if entry.sequence < expected {
            throw AuditBreak(sequence: entry.sequence, reason: "out of order (expected \(expected))")
        }
        if AuditChain.hash(of: entry) != entry.hash {
            throw AuditBreak(sequence: entry.sequence, reason: "its fields do not match its hash (the row was edited)")
        }
        if entry.previousHash != last.hash {
            throw AuditBreak(sequence: entry.sequence,
                             reason: "its previous hash is not the hash of entry \(last.sequence) (an entry was replaced)")
        }
        last = AuditHead(sequence: entry.sequence, hash: entry.hash)
        count += 1
    }

    /// Compares the end of the walk with the head row; throws when entries are missing at the end.
    public func finish(head: AuditHead) throws(AuditBreak) {
        if head.sequence > last.sequence {
            let first = last.sequence + 1
            let range = head.sequence == first ? "\(first)" : "\(first)…\(head.sequence)"
            throw AuditBreak(sequence: first, reason: "missing (the log ends at \(last.sequence) but its head says \(head.sequence): entries \(range) were deleted)")
        }
        if head.sequence < last.sequence {
            throw AuditBreak(sequence: head.sequence + 1, reason: "not in the head row (the head says the log ends at \(head.sequence))")
        }
        if head.hash != last.hash {
            throw AuditBreak(sequence: head.sequence, reason: "its hash is not the one the head row recorded")
        }
    }
}
