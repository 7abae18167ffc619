import Foundation
import OpsCore
import PostgresNIO

/// Reads rows selected with the column lists of `PostgresTraceSQL` back into domain values.
enum PostgresRowDecoder {
    static func trace(_ row: PostgresRow) throws -> Trace {
        let c = row.makeRandomAccess()
        let id = try c[0].decode(String.self)
        return Trace(
            id: id, project: try c[1].decode(String.self), keyID: try c[2].decode(String?.self),
            name: try c[3].decode(String.self), model: try c[4].decode(String.self),
            provider: try c[5].decode(String?.self), status: try StoredColumns.status(c[6].decode(String.self), of: "trace \(id)"),
            httpStatus: try c[7].decode(Int.self), user: try c[8].decode(String?.self),
            sessionID: try c[9].decode(String?.self),
            tags: try StoredColumns.tags(c[10].decode(String.self), of: id),
            metadata: try StoredColumns.object(c[11].decode(String.self), column: "traces.metadata", of: id),
            input: try StoredColumns.json(c[12].decode(String.self), column: "traces.input", of: id),
            output: try c[13].decode(String?.self).map { try StoredColumns.json($0, column: "traces.output", of: id) },
            error: try c[14].decode(String?.self), latencyMs: try c[15].decode(Double.self),
            ttftMs: try c[16].decode(Double?.self),
            usage: StoredColumns.usage(try c[17].decode(Int?.self), try c[18].decode(Int?.self)),
            costUSD: try c[19].decode(Double?.self), createdAt: Date(epochMicros: try c[20].decode(Int64.self)))
    }

    static func generation(_ row: PostgresRow) throws -> Generation {
        let c = row.makeRandomAccess()
        let id = try c[0].decode(String.self)
        return Generation(
            id: id, traceID: try c[1].decode(String.self), model: try c[4].decode(String.self),
            resolvedModel: try c[5].decode(String.self), provider: try c[6].decode(String.self),
            parameters: try StoredColumns.json(c[7].decode(String.self), column: "generations.parameters", of: id),
            finishReason: try c[8].decode(String?.self),
            status: try StoredColumns.status(c[9].decode(String.self), of: "generation \(id)"),
            httpStatus: try c[10].decode(Int.self), error: try c[11].decode(String?.self),
            usage: StoredColumns.usage(try c[12].decode(Int?.self), try c[13].decode(Int?.self)),
            costUSD: try c[14].decode(Double?.self), latencyMs: try c[15].decode(Double.self),
            ttftMs: try c[16].decode(Double?.self), startedAt: Date(epochMicros: try c[17].decode(Int64.self)))
    }

    static func point(_ row: PostgresRow) throws -> TracePoint {
        let c = row.makeRandomAccess()
        return TracePoint(
            createdAt: Date(epochMicros: try c[0].decode(Int64.self)), model: try c[1].decode(String.self),
            status: try StoredColumns.status(c[2].decode(String.self), of: "trace point"), latencyMs: try c[3].decode(Double.self),
            ttftMs: try c[4].decode(Double?.self), totalTokens: try c[5].decode(Int.self),
            costUSD: try c[6].decode(Double.self))
    }

    static func key(_ row: PostgresRow) throws -> APIKey {
        let c = row.makeRandomAccess()
        let id = try c[0].decode(String.self)
        let roleName = try c[3].decode(String.self)
        guard let role = Role(rawValue: roleName) else {
            throw PostgresStoreError(.corruptData, "api_keys.role of key \(id) is '\(roleName)', not a known role")
        }
        return APIKey(
            id: id, project: try c[1].decode(String.self), name: try c[2].decode(String?.self), role: role,
            secretHash: try c[4].decode(String.self), prefix: try c[5].decode(String.self),
            createdAt: Date(epochMicros: try c[6].decode(Int64.self)),
            revokedAt: try c[7].decode(Int64?.self).map(Date.init(epochMicros:)),
            expiresAt: try c[8].decode(Int64?.self).map(Date.init(epochMicros:)),
            limits: try limits(c[9].decode(String?.self), keyID: id))
    }

    static func limits(_ text: String?, keyID: String) throws -> KeyLimits {
        guard let text else { return KeyLimits() }
        do { return try KeyLimits(json: try JSONParser.parse(text)) } catch {
            throw PostgresStoreError(.corruptData, "api_keys.limits of key \(keyID) is not valid: \(error)")
        }
    }
}
