import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    /// The head row is locked `FOR UPDATE` for the transaction, so appends from every replica (and
    /// the CLI) queue on it and each seals its entry after the one committed before.
    public func appendAudit(_ record: AuditRecord) async throws -> AuditEntry {
        try await run("appending to the audit log") {
            try await client.withTransaction(logger: logger) { connection in
                let rows = try await connection.query("SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE",
                                                      logger: self.logger)
                var head: AuditHead?
                for try await (sequence, hash) in rows.decode((Int64, String).self) { head = AuditHead(sequence: sequence, hash: hash) }
                guard let head else { throw PostgresStoreError(.corruptData, "audit_head has no row") }
                let entry = AuditEntry(sealing: record, sequence: head.sequence + 1, previousHash: head.hash)
                let micros = entry.at.epochMicros
                try await connection.query("""
                    INSERT INTO audit_log (sequence, actor, project, at, action, target, detail, previous_hash, hash) \
                    VALUES (\(entry.sequence), \(entry.actor), \(entry.project), \(micros), \(entry.action.rawValue), \
                    \(entry.target), \(entry.detailJSON), \(entry.previousHash), \(entry.hash))
                    """, logger: self.logger)
                try await connection.query("UPDATE audit_head SET sequence = \(entry.sequence), hash = \(entry.hash) WHERE id = 1",
                                           logger: self.logger)
                return entry
            }
        }
    }

    public func auditEntries(_ query: AuditQuery) async throws -> AuditPage {
        let limit = min(max(query.limit, 1), 1000)
        let action = query.action?.rawValue
        let from = query.from?.epochMicros
        let to = query.to?.epochMicros
        let before = query.before
        let entries = try await run("listing audit entries") {
            try await auditRows("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log WHERE project = \(query.project) \
                AND (\(action)::text IS NULL OR action = \(action)) \
                AND (\(from)::bigint IS NULL OR at >= \(from)) \
                AND (\(to)::bigint IS NULL OR at < \(to)) \
                AND (\(before)::bigint IS NULL OR sequence < \(before)) \
                ORDER BY sequence DESC LIMIT \(limit + 1)
                """)
        }
        let page = Array(entries.prefix(limit))
        return AuditPage(entries: page, nextBefore: entries.count > limit ? page.last?.sequence : nil)
    }

    public func auditChain(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        try await run("reading the audit chain") {
            try await auditRows("""
                SELECT \(unescaped: Self.auditColumns) FROM audit_log WHERE sequence > \(sequence) \
                ORDER BY sequence LIMIT \(max(1, limit))
                """)
        }
    }

    public func auditHead() async throws -> AuditHead {
        try await run("reading the audit head") {
            var head: AuditHead?
            for try await (sequence, hash) in try await client.query("SELECT sequence, hash FROM audit_head WHERE id = 1", logger: logger)
                .decode((Int64, String).self) {
                head = AuditHead(sequence: sequence, hash: hash)
            }
            guard let head else { throw PostgresStoreError(.corruptData, "audit_head has no row") }
            return head
        }
    }

    private static let auditColumns = "sequence, actor, project, at, action, target, detail, previous_hash, hash"

    private func auditRows(_ query: PostgresQuery) async throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        for try await (sequence, actor, project, micros, action, target, detail, previous, hash) in try await client.query(query, logger: logger)
            .decode((Int64, String, String, Int64, String, String?, String, String, String).self) {
            out.append(AuditEntry(sequence: sequence, actor: actor, project: project, at: Date(epochMicros: micros),
                                  action: AuditAction(rawValue: action), target: target, detailJSON: detail,
                                  previousHash: previous, hash: hash))
        }
        return out
    }
}
