/// The schema, as numbered migrations. Each is a list of statements because the extended query
/// protocol runs one statement at a time. A released migration never changes; new needs get a new
/// number. Ids sort with `COLLATE "C"` (bytewise), as SQLite does, so both stores page alike.
enum PostgresMigrations {
    struct Migration {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// Any constant works; it only has to be the same for every replica of this program.
    static let advisoryLockKey: Int64 = 0x6C6C_6D6F_7073

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at BIGINT NOT NULL
        )
        """

    static let all: [Migration] = [
        Migration(version: 1, name: "projects and api keys", statements: [
            """
            CREATE TABLE projects (
                name TEXT COLLATE "C" PRIMARY KEY,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_keys (
                id TEXT COLLATE "C" PRIMARY KEY,
                project TEXT NOT NULL,
                name TEXT,
                role TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT,
                expires_at BIGINT
            )
            """,
            "CREATE INDEX api_keys_project ON api_keys (project, created_at DESC, id DESC)",
        ]),
        Migration(version: 2, name: "traces and generations", statements: [
            """
            CREATE TABLE traces (
                id TEXT COLLATE "C" PRIMARY KEY,
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
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX traces_project_created ON traces (project, created_at DESC, id DESC)",
            "CREATE INDEX traces_project_session ON traces (project, session_id)",
            "CREATE INDEX traces_project_user ON traces (project, user_id)",
            "CREATE INDEX traces_project_model ON traces (project, model)",
            """
            CREATE TABLE generations (
                id TEXT COLLATE "C" PRIMARY KEY,
                trace_id TEXT COLLATE "C" NOT NULL REFERENCES traces (id) ON DELETE CASCADE,
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
                started_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX generations_trace ON generations (trace_id, position)",
        ]),
        Migration(version: 10, name: "key limits, limit states and route changes", statements: [
            "ALTER TABLE api_keys ADD COLUMN limits TEXT",
            """
            CREATE TABLE limit_states (
                key TEXT COLLATE "C" PRIMARY KEY,
                value DOUBLE PRECISION NOT NULL,
                stamp DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE TABLE route_changes (
                version INTEGER PRIMARY KEY,
                actor TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                routes TEXT NOT NULL
            )
            """,
        ]),
    ]
}
