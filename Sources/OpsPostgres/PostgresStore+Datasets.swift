import Foundation
import OpsCore
import PostgresNIO

extension PostgresStore {
    static let datasetVersionColumns = "seq, dataset, hash, item_count, author, message, created_at"

    /// Inserts the version and its items in one transaction; when a version with the same content
    /// exists (created before, or concurrently by another replica) that one is returned.
    public func createVersion(project: String, dataset: String, items: [DatasetItem], author: String,
                              message: String) async throws -> DatasetVersion {
        try Prompt.validateName(dataset, param: "dataset", what: "dataset")
        let hash = DatasetVersion.contentHash(of: items)
        let now = Date().epochMicros
        let encoded = items.map { $0.json.serializedString() }
        let author = PostgresText.clean(author), message = PostgresText.clean(message)
        return try await run("creating a version of dataset \(dataset)") {
            let created: Bool = try await client.withTransaction(logger: logger) { connection in
                var seq: Int64?
                for try await value in try await connection.query("""
                    INSERT INTO dataset_versions (project, dataset, hash, item_count, author, message, created_at) \
                    VALUES (\(project), \(dataset), \(hash), \(items.count), \(author), \(message), \(now)) \
                    ON CONFLICT (project, dataset, hash) DO NOTHING RETURNING seq
                    """, logger: self.logger).decode(Int64.self) { seq = value }
                guard let seq else { return false }
                for chunk in Array(encoded.enumerated()).chunked(PostgresTraceSQL.rowsPerStatement) {
                    var binds = PostgresBindings(capacity: chunk.count * 3)
                    var rows: [String] = []
                    for (position, item) in chunk {
                        binds.append(seq)
                        binds.append(position)
                        binds.append(item)
                        rows.append("($\(binds.count - 2), $\(binds.count - 1)::integer, $\(binds.count))")
                    }
                    let sql = "INSERT INTO dataset_items (version_seq, position, item) VALUES " + rows.joined(separator: ", ")
                    try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: self.logger)
                }
                return true
            }
            if created {
                return DatasetVersion(dataset: dataset, items: items, createdAt: Date(epochMicros: now), author: author,
                                      message: message)
            }
            guard let existing = try await datasetVersions("""
                SELECT \(unescaped: Self.datasetVersionColumns) FROM dataset_versions \
                WHERE project = \(project) AND dataset = \(dataset) AND hash = \(hash)
                """).first else {
                throw PostgresStoreError(.database, "dataset version \(dataset)@\(hash.prefix(12)) vanished after a conflict")
            }
            return existing
        }
    }

    public func version(project: String, dataset: String, hash: String) async throws -> DatasetVersion? {
        try DatasetReference.validatePrefix(hash)
        let prefix = hash.lowercased()
        return try await run("reading dataset \(dataset)@\(prefix)") {
            // The prefix is hex only (checked above), so LIKE sees no wildcards in it.
            let pattern = prefix + "%"
            var count = 0
            for try await value in try await client.query("""
                SELECT COUNT(*) FROM dataset_versions WHERE project = \(project) AND dataset = \(dataset) AND hash LIKE \(pattern)
                """, logger: logger).decode(Int.self) { count = value }
            guard count <= 1 else { throw DatasetVersion.ambiguousPrefix(prefix, dataset: dataset, count: count) }
            return try await datasetVersions("""
                SELECT \(unescaped: Self.datasetVersionColumns) FROM dataset_versions \
                WHERE project = \(project) AND dataset = \(dataset) AND hash LIKE \(pattern)
                """).first
        }
    }

    public func latestVersion(project: String, dataset: String) async throws -> DatasetVersion? {
        try await run("reading dataset \(dataset)") {
            try await datasetVersions("""
                SELECT \(unescaped: Self.datasetVersionColumns) FROM dataset_versions \
                WHERE project = \(project) AND dataset = \(dataset) ORDER BY seq DESC LIMIT 1
                """).first
        }
    }

    public func versions(project: String, dataset: String) async throws -> [DatasetVersionSummary] {
        try await run("listing versions of dataset \(dataset)") {
            try await datasetSummaries("""
                SELECT \(unescaped: Self.datasetVersionColumns) FROM dataset_versions \
                WHERE project = \(project) AND dataset = \(dataset) ORDER BY seq
                """)
        }
    }

    public func datasets(project: String) async throws -> [DatasetVersionSummary] {
        try await run("listing datasets") {
            try await datasetSummaries("""
                SELECT \(unescaped: Self.datasetVersionColumns) FROM dataset_versions WHERE seq IN \
                (SELECT MAX(seq) FROM dataset_versions WHERE project = \(project) GROUP BY dataset) ORDER BY dataset
                """)
        }
    }

    private func datasetSummaries(_ query: PostgresQuery) async throws -> [DatasetVersionSummary] {
        var out: [DatasetVersionSummary] = []
        for try await (_, dataset, hash, count, author, message, created) in try await client.query(query, logger: logger)
            .decode((Int64, String, String, Int, String, String, Int64).self) {
            out.append(DatasetVersionSummary(dataset: dataset, hash: hash, itemCount: count,
                                             createdAt: Date(epochMicros: created), author: author, message: message))
        }
        return out
    }

    private func datasetVersions(_ query: PostgresQuery) async throws -> [DatasetVersion] {
        var rows: [(seq: Int64, dataset: String, hash: String, author: String, message: String, created: Int64)] = []
        for try await (seq, dataset, hash, _, author, message, created) in try await client.query(query, logger: logger)
            .decode((Int64, String, String, Int, String, String, Int64).self) {
            rows.append((seq, dataset, hash, author, message, created))
        }
        var versions: [DatasetVersion] = []
        for row in rows {
            var items: [String] = []
            for try await item in try await client.query("""
                SELECT item FROM dataset_items WHERE version_seq = \(row.seq) ORDER BY position
                """, logger: logger).decode(String.self) { items.append(item) }
            versions.append(try StoredColumns.datasetVersion(dataset: row.dataset, hash: row.hash, items: items,
                                                             author: row.author, message: row.message,
                                                             createdAtMicros: row.created))
        }
        return versions
    }
}
