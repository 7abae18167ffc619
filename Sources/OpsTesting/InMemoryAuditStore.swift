import Foundation
import OpsCore

/// An `AuditStore` in memory: the same chain, head and paging as the database stores.
public actor InMemoryAuditStore: AuditStore {
    private var entries: [AuditEntry] = []
    private var head = AuditHead.genesis

    public init() {}

    public func appendAudit(_ record: AuditRecord) async throws -> AuditEntry {
        let entry = AuditEntry(sealing: record, sequence: head.sequence + 1, previousHash: head.hash)
        entries.append(entry)
        head = AuditHead(sequence: entry.sequence, hash: entry.hash)
        return entry
    }

    public func auditEntries(_ query: AuditQuery) async throws -> AuditPage {
        let limit = min(max(query.limit, 1), 1000)
        let matching = entries.reversed().filter { entry in
            entry.project == query.project
                && query.action.map { entry.action == $0 } ?? true
                && query.from.map { entry.at.epochMicros >= $0.epochMicros } ?? true
                && query.to.map { entry.at.epochMicros < $0.epochMicros } ?? true
                && query.before.map { entry.sequence < $0 } ?? true
        }
        let page = Array(matching.prefix(limit))
        return AuditPage(entries: page, nextBefore: matching.count > limit ? page.last?.sequence : nil)
    }

    public func auditChain(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        Array(entries.filter { $0.sequence > sequence }.prefix(max(1, limit)))
    }

    public func auditHead() async throws -> AuditHead { head }

    /// Replaces the stored entry with the same sequence number, as an UPDATE on the table would:
    /// for tests of verification.
    public func tamper(_ entry: AuditEntry) {
        guard let index = entries.firstIndex(where: { $0.sequence == entry.sequence }) else { return }
        entries[index] = entry
    }

    /// Removes the entry with this sequence number, as a DELETE would.
    public func remove(sequence: Int64) {
        entries.removeAll { $0.sequence == sequence }
    }
}
