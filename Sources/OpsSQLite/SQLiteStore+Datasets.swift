import Foundation
import GRDB
import OpsCore

extension SQLiteStore {
    static let datasetVersionColumns = "seq, dataset, hash, item_count, author, message, created_at"

    /// Inserts the version and its items in one transaction, unless a version with the same
    /// content exists: then that one is returned.
    public func createVersion(project: String, dataset: String, items: [DatasetItem], author: String,
                              message: String) async throws -> DatasetVersion {
        try Prompt.validateName(dataset, param: "dataset", what: "dataset")
        let hash = DatasetVersion.contentHash(of: items)
        let now = Date().epochMicros
        let encoded = items.map { SQLiteRowEncoder.json($0.json) }
        return try await write("creating a version of dataset \(dataset)") { db in
            if let existing = try Row.fetchOne(db, sql: """
                SELECT \(Self.datasetVersionColumns) FROM dataset_versions WHERE project = ? AND dataset = ? AND hash = ?
                """, arguments: [project, dataset, hash]) {
                return try Self.datasetVersion(existing, db: db)
            }
            try db.execute(sql: """
                INSERT INTO dataset_versions (project, dataset, hash, item_count, author, message, created_at) \
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [project, dataset, hash, items.count, SQLiteRowEncoder.text(author),
                                 SQLiteRowEncoder.text(message), now])
            let seq = db.lastInsertedRowID
            let statement = try db.makeStatement(sql: "INSERT INTO dataset_items (version_seq, position, item) VALUES (?, ?, ?)")
            for (position, item) in encoded.enumerated() {
                try statement.execute(arguments: [seq, position, item])
            }
            return DatasetVersion(dataset: dataset, items: items, createdAt: Date(epochMicros: now),
                                  author: SQLiteRowEncoder.text(author) ?? "", message: SQLiteRowEncoder.text(message) ?? "")
        }
    }

    public func version(project: String, dataset: String, hash: String) async throws -> DatasetVersion? {
        try DatasetReference.validatePrefix(hash)
        let prefix = hash.lowercased()
        return try await read("reading dataset \(dataset)@\(prefix)") { db in
            // The prefix is hex only (checked above), so LIKE sees no wildcards in it.
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Self.datasetVersionColumns) FROM dataset_versions \
                WHERE project = ? AND dataset = ? AND hash LIKE ? ORDER BY seq LIMIT 2
                """, arguments: [project, dataset, prefix + "%"])
            guard rows.count <= 1 else {
                let count = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM dataset_versions WHERE project = ? AND dataset = ? AND hash LIKE ?
                    """, arguments: [project, dataset, prefix + "%"]) ?? rows.count
                throw DatasetVersion.ambiguousPrefix(prefix, dataset: dataset, count: count)
            }
            return try rows.first.map { try Self.datasetVersion($0, db: db) }
        }
    }

    public func latestVersion(project: String, dataset: String) async throws -> DatasetVersion? {
        try await read("reading dataset \(dataset)") { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.datasetVersionColumns) FROM dataset_versions WHERE project = ? AND dataset = ? \
                ORDER BY seq DESC LIMIT 1
                """, arguments: [project, dataset]).map { try Self.datasetVersion($0, db: db) }
        }
    }

    public func versions(project: String, dataset: String) async throws -> [DatasetVersionSummary] {
        try await read("listing versions of dataset \(dataset)") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.datasetVersionColumns) FROM dataset_versions WHERE project = ? AND dataset = ? ORDER BY seq
                """, arguments: [project, dataset]).map(SQLiteRowDecoder.datasetSummary)
        }
    }

    public func datasets(project: String) async throws -> [DatasetVersionSummary] {
        try await read("listing datasets") { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.datasetVersionColumns) FROM dataset_versions WHERE seq IN \
                (SELECT MAX(seq) FROM dataset_versions WHERE project = ? GROUP BY dataset) ORDER BY dataset
                """, arguments: [project]).map(SQLiteRowDecoder.datasetSummary)
        }
    }

    private static func datasetVersion(_ row: Row, db: Database) throws -> DatasetVersion {
        let seq: Int64 = row[0]
        let items = try String.fetchAll(db, sql: "SELECT item FROM dataset_items WHERE version_seq = ? ORDER BY position",
                                        arguments: [seq])
        return try StoredColumns.datasetVersion(dataset: row[1], hash: row[2], items: items, author: row[4],
                                                message: row[5], createdAtMicros: row[6])
    }
}
