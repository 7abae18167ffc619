import Foundation
import OpsCore
import PostgresNIO

/// Appends domain values to bindings, in the column order of `PostgresTraceSQL`.
enum PostgresRowEncoder {
    static func append(_ trace: Trace, to binds: inout PostgresBindings) {
        binds.append(trace.id)
        binds.append(trace.project)
        binds.append(PostgresText.clean(trace.keyID))
        binds.append(PostgresText.clean(trace.name))
        binds.append(PostgresText.clean(trace.model))
        binds.append(PostgresText.clean(trace.provider))
        binds.append(trace.status.rawValue)
        binds.append(trace.httpStatus)
        binds.append(PostgresText.clean(trace.user))
        binds.append(PostgresText.clean(trace.sessionID))
        binds.append(PostgresText.json(.array(trace.tags.map { .string($0) })))
        binds.append(PostgresText.json(.object(trace.metadata)))
        binds.append(PostgresText.json(trace.input))
        binds.append(trace.output.map(PostgresText.json))
        binds.append(PostgresText.clean(trace.error))
        binds.append(trace.latencyMs)
        binds.append(trace.ttftMs)
        binds.append(trace.usage?.promptTokens)
        binds.append(trace.usage?.completionTokens)
        binds.append(trace.costUSD)
        binds.append(trace.createdAt.epochMicros)
    }

    /// A generation of the trace created at `traceCreatedAt`, which partitions generations with their trace.
    static func append(_ generation: Generation, position: Int, project: String, traceCreatedAt: Date,
                       to binds: inout PostgresBindings) {
        binds.append(generation.id)
        binds.append(generation.traceID)
        binds.append(position)
        binds.append(project)
        binds.append(PostgresText.clean(generation.model))
        binds.append(PostgresText.clean(generation.resolvedModel))
        binds.append(PostgresText.clean(generation.provider))
        binds.append(PostgresText.json(generation.parameters))
        binds.append(PostgresText.clean(generation.finishReason))
        binds.append(generation.status.rawValue)
        binds.append(generation.httpStatus)
        binds.append(PostgresText.clean(generation.error))
        binds.append(generation.usage?.promptTokens)
        binds.append(generation.usage?.completionTokens)
        binds.append(generation.costUSD)
        binds.append(generation.latencyMs)
        binds.append(generation.ttftMs)
        binds.append(generation.startedAt.epochMicros)
        binds.append(traceCreatedAt.epochMicros)
    }
}
