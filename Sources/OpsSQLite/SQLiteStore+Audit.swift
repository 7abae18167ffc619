import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    /// One IMMEDIATE transaction reads the head, inserts the sealed entry and moves the head: it holds
    /// SQLite's write lock from its first read, so appends are serialized, also with a CLI on the same file.
    public func appendAudit(_ record: AuditRecord) async throws -> AuditEntry {
        do {
            return try await pool.writeWithoutTransaction { db in
                var sealed: AuditEntry?
                try db.inTransaction(.immediate) {
                    sealed = try Self.append(record, db)
                    return .commit
                }
                guard let sealed else { throw SQLiteStoreError(.database, "the audit append did not commit") }
                return sealed
            }
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "appending to the audit log")
        }
    }

    private static func append(_ record: AuditRecord, _ db: Database) throws -> AuditEntry {
        guard let head = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1") else {
            throw SQLiteStoreError(.corruptData, "audit_head has no row")
        }
        let entry = AuditEntry(sealing: record, sequence: (head[0] as Int64) + 1, previousHash: head[1])
        try db.execute(sql: """
            INSERT INTO audit_log (sequence, actor, project, at, action, target, detail, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [entry.sequence, entry.actor, entry.project, entry.at.epochMicros, entry.action.rawValue,
                             entry.target, entry.detailJSON, entry.previousHash, entry.hash])
        try db.execute(sql: "UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1", arguments: [entry.sequence, entry.hash])
        return entry
    }

    public func auditEntries(_ query: AuditQuery) async throws -> AuditPage {
        let limit = min(max(query.limit, 1), 1000)
        var sql = "SELECT \(Self.auditColumns) FROM audit_log WHERE project = ?"
        var arguments: StatementArguments = [query.project]
        if let action = query.action { sql += " AND action = ?"; arguments += [action.rawValue] }
        if let from = query.from { sql += " AND at >= ?"; arguments += [from.epochMicros] }
        if let to = query.to { sql += " AND at < ?"; arguments += [to.epochMicros] }
        if let before = query.before { sql += " AND sequence < ?"; arguments += [before] }
        sql += " ORDER BY sequence DESC LIMIT ?"
        arguments += [limit + 1]
        let statement = sql
        let bound = arguments
        let rows = try await read("listing audit entries") { db in try Row.fetchAll(db, sql: statement, arguments: bound) }
        let entries = rows.prefix(limit).map(Self.auditEntry)
        return AuditPage(entries: entries, nextBefore: rows.count > limit ? entries.last?.sequence : nil)
    }

    public func auditChain(after sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        let rows = try await read("reading the audit chain") { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.auditColumns) FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?",
                             arguments: [sequence, max(1, limit)])
        }
        return rows.map(Self.auditEntry)
    }

    public func auditHead() async throws -> AuditHead {
        let row = try await read("reading the audit head") { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1")
        }
        guard let row else { throw SQLiteStoreError(.corruptData, "audit_head has no row") }
        return AuditHead(sequence: row[0], hash: row[1])
    }

    private static let auditColumns = "sequence, actor, project, at, action, target, detail, previous_hash, hash"

    private static func auditEntry(_ row: Row) -> AuditEntry {
        AuditEntry(sequence: row[0], actor: row[1], project: row[2], at: Date(epochMicros: row[3]),
                   action: AuditAction(rawValue: row[4]), target: row[5], detailJSON: row[6], previousHash: row[7], hash: row[8])
    }
}
