import Foundation
import GRDB
import OpsCore

/// Reads rows selected with the column lists of `SQLiteTraceSQL` back into domain values.
/// Columns are read by index: the SELECT lists are fixed, and names would cost a lookup per cell.
enum SQLiteRowDecoder {
    static func trace(_ row: Row) throws -> Trace {
        let id: String = row[0]
        return Trace(
            id: id, project: row[1], keyID: row[2], name: row[3], model: row[4], provider: row[5],
            status: try StoredColumns.status(row[6], of: "trace \(id)"), httpStatus: row[7], user: row[8], sessionID: row[9],
            tags: try StoredColumns.tags(row[10], of: id), metadata: try StoredColumns.object(row[11], column: "traces.metadata", of: id),
            input: try StoredColumns.json(row[12], column: "traces.input", of: id),
            output: try (row[13] as String?).map { try StoredColumns.json($0, column: "traces.output", of: id) },
            error: row[14], latencyMs: row[15], ttftMs: row[16], usage: StoredColumns.usage(row[17], row[18]), costUSD: row[19],
            createdAt: Date(epochMicros: row[20]))
    }

    static func generation(_ row: Row) throws -> Generation {
        let id: String = row[0]
        return Generation(
            id: id, traceID: row[1], model: row[4], resolvedModel: row[5], provider: row[6],
            parameters: try StoredColumns.json(row[7], column: "generations.parameters", of: id), finishReason: row[8],
            status: try StoredColumns.status(row[9], of: "generation \(id)"), httpStatus: row[10], error: row[11],
            usage: StoredColumns.usage(row[12], row[13]), costUSD: row[14], latencyMs: row[15], ttftMs: row[16],
            startedAt: Date(epochMicros: row[17]))
    }

    static func point(_ row: Row) throws -> TracePoint {
        TracePoint(createdAt: Date(epochMicros: row[0]), model: row[1], status: try StoredColumns.status(row[2], of: "trace point"),
                   latencyMs: row[3], ttftMs: row[4], totalTokens: row[5], costUSD: row[6])
    }

    static func key(_ row: Row) throws -> APIKey {
        let id: String = row[0]
        let roleName: String = row[3]
        guard let role = Role(rawValue: roleName) else {
            throw SQLiteStoreError(.corruptData, "api_keys.role of key \(id) is '\(roleName)', not a known role")
        }
        return APIKey(id: id, project: row[1], name: row[2], role: role, secretHash: row[4], prefix: row[5],
                      createdAt: Date(epochMicros: row[6]),
                      revokedAt: (row[7] as Int64?).map(Date.init(epochMicros:)),
                      expiresAt: (row[8] as Int64?).map(Date.init(epochMicros:)),
                      limits: try limits(row[9] as String?, keyID: id))
    }

    static func limits(_ text: String?, keyID: String) throws -> KeyLimits {
        guard let text else { return KeyLimits() }
        do { return try KeyLimits(json: try JSONParser.parse(text)) } catch {
            throw SQLiteStoreError(.corruptData, "api_keys.limits of key \(keyID) is not valid: \(error)")
        }
    }
}

extension SQLiteRowDecoder {
    /// A row of `SQLiteStore.promptVersionColumns`.
    static func promptVersion(_ row: Row) throws -> PromptVersion {
        try StoredColumns.promptVersion(name: row[0], number: row[1], kind: row[2], body: row[3], config: row[4],
                                        author: row[5], commitMessage: row[6], createdAtMicros: row[7])
    }
}

extension SQLiteRowDecoder {
    /// A row of `SQLiteStore.datasetVersionColumns`, without the items.
    static func datasetSummary(_ row: Row) -> DatasetVersionSummary {
        DatasetVersionSummary(dataset: row[1], hash: row[2], itemCount: row[3], createdAt: Date(epochMicros: row[6]),
                              author: row[4], message: row[5])
    }
}
