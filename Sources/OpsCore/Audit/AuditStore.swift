import Foundation

/// Which audit entries to list: one project's, newest first.
public struct AuditQuery: Sendable, Hashable {
    public var project: String
    public var action: AuditAction?
    /// Inclusive lower bound on the entry's time.
    public var from: Date?
    /// Exclusive upper bound on the entry's time.
    public var to: Date?
    /// 1…1000; stores clamp it.
    public var limit: Int
    /// Only entries with a smaller sequence number (the previous page's last).
    public var before: Int64?

    public init(project: String, action: AuditAction? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 100,
                before: Int64? = nil) {
        self.project = project
        self.action = action
        self.from = from
        self.to = to
        self.limit = limit
        self.before = before
    }
}

/// One page of audit entries; `nextBefore` is the cursor of the next page, nil on the last.
public struct AuditPage: Sendable, Hashable {
    public var entries: [AuditEntry]
    public var nextBefore: Int64?

    public init(entries: [AuditEntry], nextBefore: Int64?) {
        self.entries = entries
        self.nextBefore = nextBefore
    }
}

/// Where the audit log lives: an append-only, hash-chained list of entries.
public protocol AuditStore: Sendable {
    /// Seals `record` as the next entry and stores it: reading the head, inserting the entry and
    /// moving the head happen in one transaction that excludes every other append (on PostgreSQL,
    /// across replicas), so the chain never forks.
    func appendAudit(_ record: AuditRecord) async throws -> AuditEntry
    /// Entries of one project matching `query`, newest first.
    func auditEntries(_ query: AuditQuery) async throws -> AuditPage
    /// Up to `limit` entries of every project with a sequence number above `sequence`, in order:
    /// what verification walks.
    func auditChain(after sequence: Int64, limit: Int) async throws -> [AuditEntry]
    /// The head row: the newest entry's sequence number and hash.
    func auditHead() async throws -> AuditHead
}

extension AuditStore {
    /// Walks the whole chain in pages of `pageSize` and returns how many entries it holds, or throws
    /// the first `AuditBreak`.
    public func verifyAuditChain(pageSize: Int = 1000) async throws -> Int {
        var verifier = AuditVerifier()
        while true {
            let page = try await auditChain(after: verifier.lastSequence, limit: pageSize)
            for entry in page { try verifier.check(entry) }
            if page.count < pageSize { break }
        }
        try verifier.finish(head: try await auditHead())
        return verifier.count
    }
}
