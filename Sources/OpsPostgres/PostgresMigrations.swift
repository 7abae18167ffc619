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
        // JSON is kept as text here, not jsonb: jsonb reorders keys, and a prompt's config and a
        // dataset item must come back as they were pushed (item text is what the version hash covers).
        Migration(version: 3, name: "prompts, versions, labels and label moves", statements: [
            """
            CREATE TABLE prompts (
                project TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                latest_version INTEGER NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (project, name)
            )
            """,
            """
            CREATE TABLE prompt_versions (
                project TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                number INTEGER NOT NULL,
                kind TEXT NOT NULL,
                body TEXT NOT NULL,
                config TEXT NOT NULL,
                author TEXT NOT NULL,
                commit_message TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (project, name, number)
            )
            """,
            """
            CREATE TABLE prompt_labels (
                project TEXT COLLATE "C" NOT NULL,
                prompt TEXT COLLATE "C" NOT NULL,
                label TEXT COLLATE "C" NOT NULL,
                version INTEGER NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (project, prompt, label)
            )
            """,
            """
            CREATE TABLE prompt_label_moves (
                seq BIGSERIAL PRIMARY KEY,
                project TEXT NOT NULL,
                prompt TEXT NOT NULL,
                label TEXT NOT NULL,
                from_version INTEGER,
                to_version INTEGER NOT NULL,
                actor TEXT NOT NULL,
                moved_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX prompt_label_moves_prompt ON prompt_label_moves (project, prompt, seq)",
        ]),
        Migration(version: 4, name: "dataset versions and items", statements: [
            """
            CREATE TABLE dataset_versions (
                seq BIGSERIAL PRIMARY KEY,
                project TEXT COLLATE "C" NOT NULL,
                dataset TEXT COLLATE "C" NOT NULL,
                hash TEXT COLLATE "C" NOT NULL,
                item_count INTEGER NOT NULL,
                author TEXT NOT NULL,
                message TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (project, dataset, hash)
            )
            """,
            """
            CREATE TABLE dataset_items (
                version_seq BIGINT NOT NULL REFERENCES dataset_versions (seq) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                item TEXT NOT NULL,
                PRIMARY KEY (version_seq, position)
            )
            """,
        ]),
        Migration(version: 5, name: "experiment runs and item results", statements: [
            """
            CREATE TABLE experiment_runs (
                id TEXT COLLATE "C" PRIMARY KEY,
                project TEXT NOT NULL,
                dataset TEXT NOT NULL,
                dataset_version TEXT NOT NULL,
                item_count INTEGER NOT NULL,
                plan TEXT NOT NULL,
                status TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                finished_at BIGINT,
                summary TEXT
            )
            """,
            "CREATE INDEX experiment_runs_project ON experiment_runs (project, created_at DESC, id DESC)",
            """
            CREATE TABLE experiment_items (
                run_id TEXT COLLATE "C" NOT NULL REFERENCES experiment_runs (id) ON DELETE CASCADE,
                item INTEGER NOT NULL,
                output TEXT,
                latency DOUBLE PRECISION,
                prompt_tokens BIGINT,
                completion_tokens BIGINT,
                cost DOUBLE PRECISION,
                trace_id TEXT,
                scores TEXT NOT NULL,
                score_errors TEXT NOT NULL,
                error TEXT,
                PRIMARY KEY (run_id, item)
            )
            """,
        ]),
        Migration(version: 6, name: "scores and score definitions", statements: [
            """
            CREATE TABLE score_definitions (
                project TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                kind TEXT NOT NULL,
                min DOUBLE PRECISION,
                max DOUBLE PRECISION,
                categories TEXT,
                description TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (project, name)
            )
            """,
            """
            CREATE TABLE scores (
                id TEXT COLLATE "C" PRIMARY KEY,
                project TEXT NOT NULL,
                trace_id TEXT,
                run_id TEXT,
                item INTEGER,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                number DOUBLE PRECISION,
                label TEXT,
                comment TEXT,
                source TEXT NOT NULL,
                author TEXT NOT NULL,
                queue_id TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX scores_trace ON scores (project, trace_id, created_at)",
            "CREATE INDEX scores_run ON scores (project, run_id, item, created_at)",
        ]),
        Migration(version: 7, name: "annotation queues and their items", statements: [
            """
            CREATE TABLE annotation_queues (
                id TEXT COLLATE "C" PRIMARY KEY,
                project TEXT NOT NULL,
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                score_names TEXT NOT NULL,
                run_id TEXT,
                lease_seconds INTEGER NOT NULL,
                item_count INTEGER NOT NULL,
                author TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX annotation_queues_project ON annotation_queues (project, created_at DESC, id DESC)",
            """
            CREATE TABLE annotation_queue_items (
                queue_id TEXT COLLATE "C" NOT NULL REFERENCES annotation_queues (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                trace_id TEXT,
                run_id TEXT,
                item INTEGER,
                state TEXT NOT NULL,
                reviewer TEXT,
                lease_expires_at BIGINT,
                done_at BIGINT,
                PRIMARY KEY (queue_id, position)
            )
            """,
            "CREATE INDEX annotation_queue_items_state ON annotation_queue_items (queue_id, state, position)",
        ]),
        Migration(version: 8, name: "score reasons of experiment items", statements: [
            "ALTER TABLE experiment_items ADD COLUMN score_reasons TEXT NOT NULL DEFAULT '{}'",
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
        // A generation's key is its place in its trace: the random span id made every insert land
        // on a random index page; (trace_id, position) grows at one end with time-ordered trace ids.
        Migration(version: 11, name: "generations keyed by trace and position", statements: [
            "ALTER TABLE generations DROP CONSTRAINT generations_pkey",
            "ALTER TABLE generations ADD PRIMARY KEY (trace_id, position)",
            "DROP INDEX generations_trace",
        ]),
        v15ConsoleSessions,
        v16AuditLog,
        v17Secrets,
        v18Retention,
        v19RouteChangesPerProject,
    ]
}
