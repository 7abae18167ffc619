import OpsCore

extension InMemoryStore {
    public func appendAudit(_ record: AuditRecord) async throws -> AuditEntry {
        try await auditStore.appendAudit(record)
    }

    public func auditEntries(_ query: AuditQuery) async throws -> AuditPage {
        try await auditStore.auditEntries(query)
    }

    public func auditChain(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await auditStore.auditChain(after: sequence, limit: limit)
    }

    public func auditHead() async throws -> AuditHead {
        try await auditStore.auditHead()
    }
}
