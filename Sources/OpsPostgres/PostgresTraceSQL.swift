import OpsCore
import PostgresNIO

/// The SQL the Postgres trace store runs, built with numbered parameters. Kept in one place so
/// tests can assert it and so every SELECT's column order matches `PostgresRowDecoder`.
enum PostgresTraceSQL {
    /// Insert columns, with the cast each parameter needs (JSON arrives as text and becomes jsonb).
    static let traceColumns: [(name: String, cast: String)] = [
        ("id", ""), ("project", ""), ("key_id", ""), ("name", ""), ("model", ""), ("provider", ""), ("status", ""),
        ("http_status", "::integer"), ("user_id", ""), ("session_id", ""), ("tags", "::jsonb"),
        ("metadata", "::jsonb"), ("input", "::jsonb"), ("output", "::jsonb"), ("error", ""),
        ("latency_ms", ""), ("ttft_ms", ""), ("prompt_tokens", ""), ("completion_tokens", ""), ("cost_usd", ""),
        ("created_at", ""),
    ]

    static let generationColumns: [(name: String, cast: String)] = [
        ("id", ""), ("trace_id", ""), ("position", "::integer"), ("project", ""), ("model", ""),
        ("resolved_model", ""), ("provider", ""), ("parameters", "::jsonb"), ("finish_reason", ""), ("status", ""),
        ("http_status", "::integer"), ("error", ""), ("prompt_tokens", ""), ("completion_tokens", ""),
        ("cost_usd", ""), ("latency_ms", ""), ("ttft_ms", ""), ("started_at", ""),
        // The trace's time, which month partition the generation is in (migration v18); decoders stop before it.
        ("trace_created_at", ""),
    ]

    /// SELECT list for traces: jsonb comes back as text, which `JSONParser` reads.
    static let traceSelectList = traceColumns.map { $0.cast == "::jsonb" ? "\($0.name)::text" : $0.name }
        .joined(separator: ", ")
    static let generationSelectList = generationColumns.map { $0.cast == "::jsonb" ? "\($0.name)::text" : $0.name }
        .joined(separator: ", ")

    /// Rows per multi-row INSERT: well under the protocol's 65,535 parameters.
    static let rowsPerStatement = 1000

    /// `INSERT INTO table (…) VALUES ($1, …), ($n, …)` for `rows` rows.
    static func insert(into table: String, columns: [(name: String, cast: String)], rows: Int) -> String {
        var sql = "INSERT INTO \(table) (\(columns.map(\.name).joined(separator: ", "))) VALUES "
        var parameter = 0
        for row in 0..<rows {
            if row > 0 { sql += ", " }
            sql += "("
            for (index, column) in columns.enumerated() {
                parameter += 1
                if index > 0 { sql += ", " }
                sql += "$\(parameter)\(column.cast)"
            }
            sql += ")"
        }
        return sql
    }

    static let selectTrace = "SELECT \(traceSelectList) FROM traces WHERE id = $1 AND project = $2"

    /// Generations of one or more traces, in one query.
    static let selectGenerations = "SELECT \(generationSelectList) FROM generations "
        + "WHERE project = $1 AND trace_id = ANY($2) ORDER BY trace_id, position"

    static let selectPoints = """
        SELECT created_at, model, status, latency_ms, ttft_ms, \
        (COALESCE(prompt_tokens, 0) + COALESCE(completion_tokens, 0))::bigint, COALESCE(cost_usd, 0) \
        FROM traces WHERE project = $1 AND created_at >= $2 AND created_at < $3 \
        ORDER BY created_at, id LIMIT $4
        """

    /// The newest-first page query for `query`, fetching `limit + 1` rows so the caller knows
    /// whether another page follows. `limit` must already be clamped.
    static func listTraces(_ query: TraceQuery, limit: Int) -> PostgresQuery {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func add(_ condition: (Int) -> String, _ value: some PostgresDynamicTypeEncodable) {
            binds.append(value)
            conditions.append(condition(binds.count))
        }
        add({ "project = $\($0)" }, query.project)
        if let from = query.from { add({ "created_at >= $\($0)" }, from.epochMicros) }
        if let to = query.to { add({ "created_at < $\($0)" }, to.epochMicros) }
        if let model = query.model { add({ "model = $\($0)" }, model) }
        if let status = query.status { add({ "status = $\($0)" }, status.rawValue) }
        if let user = query.user { add({ "user_id = $\($0)" }, PostgresText.clean(user)) }
        if let session = query.sessionID { add({ "session_id = $\($0)" }, PostgresText.clean(session)) }
        if let tag = query.tag { add({ "tags ? $\($0)" }, PostgresText.clean(tag)) }
        if let prompt = query.promptName { add({ "metadata->>'prompt_name' = $\($0)" }, PostgresText.clean(prompt)) }
        if let version = query.promptVersion { add({ "metadata->>'prompt_version' = $\($0)" }, String(version)) }
        if let cursor = query.cursor {
            binds.append(cursor.createdAtMicros)
            binds.append(cursor.id)
            // Row-value comparison keeps the keyset seek on the (project, created_at, id) index.
            conditions.append("(created_at, id) < ($\(binds.count - 1), $\(binds.count))")
        }
        binds.append(limit + 1)
        let sql = "SELECT \(traceSelectList) FROM traces WHERE \(conditions.joined(separator: " AND ")) "
            + "ORDER BY created_at DESC, id DESC LIMIT $\(binds.count)"
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
