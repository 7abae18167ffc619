import GRDB
import OpsCore

/// Turns domain values into statement arguments, in the column order of `SQLiteTraceSQL`.
enum SQLiteRowEncoder {
    static func arguments(for trace: Trace) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            trace.id, trace.project, text(trace.keyID), text(trace.name), text(trace.model), text(trace.provider),
            trace.status.rawValue, trace.httpStatus, text(trace.user), text(trace.sessionID),
            json(.array(trace.tags.map { .string($0) })), json(.object(trace.metadata)), json(trace.input),
            trace.output.map(json), text(trace.error), trace.latencyMs, trace.ttftMs,
            trace.usage?.promptTokens, trace.usage?.completionTokens, trace.costUSD, trace.createdAt.epochMicros,
        ]
        return StatementArguments(values)
    }

    static func arguments(for generation: Generation, position: Int, project: String) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            generation.id, generation.traceID, position, project, text(generation.model),
            text(generation.resolvedModel), text(generation.provider), json(generation.parameters),
            text(generation.finishReason), generation.status.rawValue, generation.httpStatus, text(generation.error), generation.usage?.promptTokens,
            generation.usage?.completionTokens, generation.costUSD, generation.latencyMs, generation.ttftMs,
            generation.startedAt.epochMicros,
        ]
        return StatementArguments(values)
    }

    static func json(_ value: JSONValue) -> String { value.serializedString() }

    /// SQLite stores a NUL character but hands text back cut at it, so NUL becomes U+FFFD, as in
    /// the Postgres store. JSON columns need nothing: the serializer escapes NUL as \u0000.
    static func text(_ value: String?) -> String? {
        guard let value, value.utf8.contains(0) else { return value }
        return String(value.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : Character($0) })
    }
}
