import GRDB

/// The migrations that shape trace storage: the traces and generations tables, their keys and
/// indexes as the strict-tracing profiles reshaped them, and the trace journal's position.
extension SQLiteMigrations {
    // Times are INTEGER epoch microseconds: sortable, exact, and the same on Postgres (BIGINT).
    // JSON columns are TEXT holding compact JSON; `tags` is a JSON array searched with json_each.
    static let v2TracesAndGenerations = """
        CREATE TABLE traces (
            id TEXT PRIMARY KEY NOT NULL,
            project TEXT NOT NULL,
            key_id TEXT,
            name TEXT NOT NULL,
            model TEXT NOT NULL,
            provider TEXT,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            user_id TEXT,
            session_id TEXT,
            tags TEXT NOT NULL,
            metadata TEXT NOT NULL,
            input TEXT NOT NULL,
            output TEXT,
            error TEXT,
            latency_ms REAL NOT NULL,
            ttft_ms REAL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd REAL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX traces_project_created ON traces(project, created_at DESC, id DESC);
        CREATE INDEX traces_project_session ON traces(project, session_id);
        CREATE INDEX traces_project_user ON traces(project, user_id);
        CREATE INDEX traces_project_model ON traces(project, model);
        CREATE TABLE generations (
            id TEXT PRIMARY KEY NOT NULL,
            trace_id TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            project TEXT NOT NULL,
            model TEXT NOT NULL,
            resolved_model TEXT NOT NULL,
            provider TEXT NOT NULL,
            parameters TEXT NOT NULL,
            finish_reason TEXT,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            error TEXT,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd REAL,
            latency_ms REAL NOT NULL,
            ttft_ms REAL,
            started_at INTEGER NOT NULL
        );
        CREATE INDEX generations_trace ON generations(trace_id, position);
        """

    // A generation's key is its place in its trace. Keyed by its random span id, every insert
    // dirtied a random page of that index, and each commit rewrote those pages into the WAL;
    // (trace_id, position) grows at one end with the time-ordered trace ids. WITHOUT ROWID keeps
    // the rows in that one B-tree, which also replaces the old generations_trace index.
    static let v11GenerationsKeyedByTrace = """
        CREATE TABLE generations_v11 (
            id TEXT NOT NULL,
            trace_id TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            project TEXT NOT NULL,
            model TEXT NOT NULL,
            resolved_model TEXT NOT NULL,
            provider TEXT NOT NULL,
            parameters TEXT NOT NULL,
            finish_reason TEXT,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            error TEXT,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd REAL,
            latency_ms REAL NOT NULL,
            ttft_ms REAL,
            started_at INTEGER NOT NULL,
            PRIMARY KEY (trace_id, position)
        ) WITHOUT ROWID;
        INSERT INTO generations_v11 SELECT id, trace_id, position, project, model, resolved_model, provider, parameters,
            finish_reason, status, http_status, error, prompt_tokens, completion_tokens, cost_usd, latency_ms, ttft_ms,
            started_at FROM generations;
        DROP TABLE generations;
        ALTER TABLE generations_v11 RENAME TO generations;
        """

    // Every B-tree a trace enters is one more page each commit writes to the WAL (two writes per
    // page), and strict tracing commits a few traces at a time. So: the traces table is keyed by
    // its (time-ordered) id WITHOUT ROWID, which drops the separate index of ids; the user and
    // session indexes hold only traces that have one (most calls carry neither; `user_id = ?` and
    // `session_id = ?` imply NOT NULL, so they still serve those filters); the model index goes,
    // since listing by model walks traces_project_created in time order (EXPLAIN QUERY PLAN chose
    // it over the model index even when both existed). A one-trace commit wrote 9 pages, now about 5 (leaf splits add the rest).
    // Foreign keys are off during migrations (GRDB's default), so dropping the old table cascades nothing.
    static let v12TracesKeyedByID = """
        CREATE TABLE traces_v12 (
            id TEXT PRIMARY KEY NOT NULL,
            project TEXT NOT NULL,
            key_id TEXT,
            name TEXT NOT NULL,
            model TEXT NOT NULL,
            provider TEXT,
            status TEXT NOT NULL,
            http_status INTEGER NOT NULL,
            user_id TEXT,
            session_id TEXT,
            tags TEXT NOT NULL,
            metadata TEXT NOT NULL,
            input TEXT NOT NULL,
            output TEXT,
            error TEXT,
            latency_ms REAL NOT NULL,
            ttft_ms REAL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost_usd REAL,
            created_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO traces_v12 SELECT id, project, key_id, name, model, provider, status, http_status, user_id, session_id,
            tags, metadata, input, output, error, latency_ms, ttft_ms, prompt_tokens, completion_tokens, cost_usd, created_at
            FROM traces;
        DROP TABLE traces;
        ALTER TABLE traces_v12 RENAME TO traces;
        CREATE INDEX traces_project_created ON traces(project, created_at DESC, id DESC);
        CREATE INDEX traces_project_session ON traces(project, session_id) WHERE session_id IS NOT NULL;
        CREATE INDEX traces_project_user ON traces(project, user_id) WHERE user_id IS NOT NULL;
        """

    // A descending index puts every new trace at the start of the project's range, where each leaf
    // split rebalances three siblings into the WAL; ascending, new entries append at the end as in
    // the other trees, and SQLite walks it backwards for `ORDER BY created_at DESC, id DESC` (the
    // keyset seek `(created_at, id) < (?, ?)` included). One-trace commits: 5.72 -> 5.20 WAL pages
    // (`make bench-store`).
    static let v13AscendingTimeIndex = """
        DROP INDEX traces_project_created;
        CREATE INDEX traces_project_created ON traces(project, created_at, id);
        """

    // The highest strict-mode trace journal record applied, written with each batch (one row).
    static let v14TraceJournalPosition = """
        CREATE TABLE trace_journal_position (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            applied_seq INTEGER NOT NULL
        );
        """
}
