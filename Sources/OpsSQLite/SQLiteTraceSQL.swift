import GRDB
import OpsCore

/// The SQL the trace store runs. Kept in one place so tests can assert it and so the column
/// order of every SELECT matches the decoder in `SQLiteRowDecoder`.
enum SQLiteTraceSQL {
    static let traceColumns = """
        id, project, key_id, name, model, provider, status, http_status, user_id, session_id, tags, \
        metadata, input, output, error, latency_ms, ttft_ms, prompt_tokens, completion_tokens, cost_usd, created_at
        """

    static let generationColumns = """
        id, trace_id, position, project, model, resolved_model, provider, parameters, finish_reason, status, \
        http_status, error, prompt_tokens, completion_tokens, cost_usd, latency_ms, ttft_ms, started_at
        """

    static let insertTrace = "INSERT INTO traces (\(traceColumns)) VALUES (\(placeholders(21)))"
    static let insertGeneration = "INSERT INTO generations (\(generationColumns)) VALUES (\(placeholders(18)))"

    static let selectTrace = "SELECT \(traceColumns) FROM traces WHERE id = ? AND project = ?"
    static let selectGenerationsOfTrace =
        "SELECT \(generationColumns) FROM generations WHERE trace_id = ? AND project = ? ORDER BY position"

    static let selectPoints = """
        SELECT created_at, model, status, latency_ms, ttft_ms, \
        COALESCE(prompt_tokens, 0) + COALESCE(completion_tokens, 0), COALESCE(cost_usd, 0) \
        FROM traces WHERE project = ? AND created_at >= ? AND created_at < ? \
        ORDER BY created_at, id LIMIT ?
        """

    /// Generations of a page of traces in one query.
    static func selectGenerations(traceCount: Int) -> String {
        "SELECT \(generationColumns) FROM generations WHERE project = ? AND trace_id IN (\(placeholders(traceCount))) "
            + "ORDER BY trace_id, position"
    }

    /// The newest-first page query for `query`, fetching `limit + 1` rows so the caller knows
    /// whether another page follows. `limit` must already be clamped.
    static func listTraces(_ query: TraceQuery, limit: Int) -> (sql: String, arguments: StatementArguments) {
        var conditions = ["project = ?"]
        var arguments: [(any DatabaseValueConvertible)?] = [query.project]
        func add(_ condition: String, _ values: (any DatabaseValueConvertible)?...) {
            conditions.append(condition)
            arguments.append(contentsOf: values)
        }
        if let from = query.from { add("created_at >= ?", from.epochMicros) }
        if let to = query.to { add("created_at < ?", to.epochMicros) }
        if let model = query.model { add("model = ?", model) }
        if let status = query.status { add("status = ?", status.rawValue) }
        if let user = query.user { add("user_id = ?", SQLiteRowEncoder.text(user)) }
        if let session = query.sessionID { add("session_id = ?", SQLiteRowEncoder.text(session)) }
        if let tag = query.tag { add("EXISTS (SELECT 1 FROM json_each(traces.tags) WHERE value = ?)", tag) }
        if let prompt = query.promptName { add("json_extract(metadata, '$.prompt_name') = ?", prompt) }
        if let version = query.promptVersion { add("json_extract(metadata, '$.prompt_version') = ?", version) }
        // Row-value comparison keeps the keyset seek on the (project, created_at, id) index.
        if let cursor = query.cursor { add("(created_at, id) < (?, ?)", cursor.createdAtMicros, cursor.id) }
        arguments.append(limit + 1)
        let sql = "SELECT \(traceColumns) FROM traces WHERE \(conditions.joined(separator: " AND ")) "
            + "ORDER BY created_at DESC, id DESC LIMIT ?"
        return (sql, StatementArguments(arguments))
    }

    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
