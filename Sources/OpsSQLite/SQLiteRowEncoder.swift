import GRDB
import OpsCore

/// Turns domain values into statement arguments and bound columns, in the column order of `SQLiteTraceSQL`.
enum SQLiteRowEncoder {
    /// A trace in the column order of `SQLiteTraceSQL.insertTrace`.
    static func bind(_ trace: Trace, to row: inout SQLiteInsertBinder) {
        row.bind(trace.id); row.bind(trace.project); row.bind(trace.keyID); row.bind(trace.name); row.bind(trace.model)
        row.bind(trace.provider); row.bind(trace.status.rawValue); row.bind(trace.httpStatus); row.bind(trace.user)
        row.bind(trace.sessionID); row.bind(json: .array(trace.tags.map { .string($0) })); row.bind(json: .object(trace.metadata))
        row.bind(json: trace.input); row.bind(json: trace.output); row.bind(trace.error); row.bind(trace.latencyMs)
        row.bind(trace.ttftMs); row.bind(trace.usage?.promptTokens); row.bind(trace.usage?.completionTokens)
        row.bind(trace.costUSD); row.bind(trace.createdAt.epochMicros)
    }

    /// A generation in the column order of `SQLiteTraceSQL.insertGeneration`.
    static func bind(_ generation: Generation, position: Int, project: String, to row: inout SQLiteInsertBinder) {
        row.bind(generation.id); row.bind(generation.traceID); row.bind(position); row.bind(project); row.bind(generation.model)
        row.bind(generation.resolvedModel); row.bind(generation.provider); row.bind(json: generation.parameters)
        row.bind(generation.finishReason); row.bind(generation.status.rawValue); row.bind(generation.httpStatus)
        row.bind(generation.error); row.bind(generation.usage?.promptTokens); row.bind(generation.usage?.completionTokens)
        row.bind(generation.costUSD); row.bind(generation.latencyMs); row.bind(generation.ttftMs)
        row.bind(generation.startedAt.epochMicros)
    }

    static func json(_ value: JSONValue) -> String { value.serializedString() }

    /// SQLite stores a NUL character but hands text back cut at it, so NUL becomes U+FFFD, as in
    /// the Postgres store. JSON columns need nothing: the serializer escapes NUL as \u0000.
    static func text(_ value: String?) -> String? {
        guard let value, value.utf8.contains(0) else { return value }
        return String(value.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : Character($0) })
    }
}
