/// What retention needs from the schema.
extension PostgresMigrations {
    /// Traces and their generations partitioned by month of the trace's `created_at`, so retention
    /// drops a month of millions of rows as one `DROP TABLE` instead of deleting them row by row.
    ///
    /// A partitioned table's keys must hold the partition column: traces are keyed by
    /// `(id, created_at)` (a trace is read by id and project; each month's key index is probed) and
    /// generations carry their trace's `created_at` as `trace_created_at`, keyed by
    /// `(trace_id, position, trace_created_at)`, so a trace and its generations share a month and
    /// go together. No foreign key joins them (one cannot point at a partitioned table's id alone):
    /// the store deletes both. The catch-all `DEFAULT` partitions take rows of months that have no
    /// partition yet; `PostgresStore.prepareTracePartitions` creates the months around the present
    /// and moves rows out of the catch-all into their month. Rows are copied over here in one go.
    static let v18Retention = Migration(version: 18, name: "traces partitioned by month; retention indexes", statements: [
        // Retention deletes the oldest scores of a project first; the existing score indexes lead
        // with the trace or the run, so without this one every batch would scan the project's scores.
        "CREATE INDEX scores_project_created ON scores (project, created_at, id)",
        "ALTER TABLE generations RENAME TO generations_v17",
        "ALTER TABLE generations_v17 RENAME CONSTRAINT generations_pkey TO generations_v17_pkey",
        "ALTER TABLE traces RENAME TO traces_v17",
        "ALTER TABLE traces_v17 RENAME CONSTRAINT traces_pkey TO traces_v17_pkey",
        "DROP INDEX traces_project_created, traces_project_session, traces_project_user, traces_project_model",
        """
        CREATE TABLE traces (
            id TEXT COLLATE "C" NOT NULL,
            project TEXT NOT NULL,
            key_id TEXT,
            name TEXT NOT NULL,
            model TEXT NOT NULL,
            provider TEXT,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            user_id TEXT,
            session_id TEXT,
            tags JSONB NOT NULL,
            metadata JSONB NOT NULL,
            input JSONB NOT NULL,
            output JSONB,
            error TEXT,
            latency_ms DOUBLE PRECISION NOT NULL,
            ttft_ms DOUBLE PRECISION,
            prompt_tokens BIGINT,
            completion_tokens BIGINT,
            cost_usd DOUBLE PRECISION,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (id, created_at)
        ) PARTITION BY RANGE (created_at)
        """,
        "CREATE TABLE traces_default PARTITION OF traces DEFAULT",
        "CREATE INDEX traces_project_created ON traces (project, created_at DESC, id DESC)",
        "CREATE INDEX traces_project_session ON traces (project, session_id)",
        "CREATE INDEX traces_project_user ON traces (project, user_id)",
        "CREATE INDEX traces_project_model ON traces (project, model)",
        """
        CREATE TABLE generations (
            id TEXT COLLATE "C" NOT NULL,
            trace_id TEXT COLLATE "C" NOT NULL,
            position INTEGER NOT NULL,
            project TEXT NOT NULL,
            model TEXT NOT NULL,
            resolved_model TEXT NOT NULL,
            provider TEXT NOT NULL,
            parameters JSONB NOT NULL,
            finish_reason TEXT,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            error TEXT,
            prompt_tokens BIGINT,
            completion_tokens BIGINT,
            cost_usd DOUBLE PRECISION,
            latency_ms DOUBLE PRECISION NOT NULL,
            ttft_ms DOUBLE PRECISION,
            started_at BIGINT NOT NULL,
            trace_created_at BIGINT NOT NULL,
            PRIMARY KEY (trace_id, position, trace_created_at)
        ) PARTITION BY RANGE (trace_created_at)
        """,
        "CREATE TABLE generations_default PARTITION OF generations DEFAULT",
        """
        INSERT INTO traces (id, project, key_id, name, model, provider, status, http_status, user_id, session_id, tags,
            metadata, input, output, error, latency_ms, ttft_ms, prompt_tokens, completion_tokens, cost_usd, created_at)
        SELECT id, project, key_id, name, model, provider, status, http_status, user_id, session_id, tags,
            metadata, input, output, error, latency_ms, ttft_ms, prompt_tokens, completion_tokens, cost_usd, created_at
        FROM traces_v17
        """,
        """
        INSERT INTO generations (id, trace_id, position, project, model, resolved_model, provider, parameters, finish_reason,
            status, http_status, error, prompt_tokens, completion_tokens, cost_usd, latency_ms, ttft_ms, started_at, trace_created_at)
        SELECT g.id, g.trace_id, g.position, g.project, g.model, g.resolved_model, g.provider, g.parameters, g.finish_reason,
            g.status, g.http_status, g.error, g.prompt_tokens, g.completion_tokens, g.cost_usd, g.latency_ms, g.ttft_ms,
            g.started_at, t.created_at
        FROM generations_v17 g JOIN traces_v17 t ON t.id = g.trace_id
        """,
        "DROP TABLE generations_v17",
        "DROP TABLE traces_v17",
    ])
}
