import GRDB

/// The schema, as numbered migrations named `v1`, `v2`, …. A migration, once released, never changes:
/// new needs get a new number, so every database walks the same path to the current schema.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: v1ProjectsAndKeys)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: v2TracesAndGenerations)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: v3Prompts)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: v4Datasets)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: v5Experiments)
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: v6Scores)
        }
        migrator.registerMigration("v7") { db in
            try db.execute(sql: v7AnnotationQueues)
        }
        migrator.registerMigration("v8") { db in
            try db.execute(sql: v8ScoreReasons)
        }
        migrator.registerMigration("v10") { db in
            try db.execute(sql: v10LimitsAndRoutes)
        }
        migrator.registerMigration("v11") { db in
            try db.execute(sql: v11GenerationsKeyedByTrace)
        }
        migrator.registerMigration("v12") { db in
            try db.execute(sql: v12TracesKeyedByID)
        }
        migrator.registerMigration("v13") { db in
            try db.execute(sql: v13AscendingTimeIndex)
        }
        migrator.registerMigration("v14") { db in
            try db.execute(sql: v14TraceJournalPosition)
        }
        return migrator
    }

    /// `v3` → 3. Migration identifiers this store did not write are ignored.
    static func version(of identifier: String) -> Int? {
        guard identifier.hasPrefix("v") else { return nil }
        return Int(identifier.dropFirst())
    }

    static let v1ProjectsAndKeys = """
        CREATE TABLE projects (
            name TEXT PRIMARY KEY NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY NOT NULL,
            project TEXT NOT NULL,
            name TEXT,
            role TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE,
            prefix TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            expires_at INTEGER
        );
        CREATE INDEX api_keys_project ON api_keys(project, created_at DESC, id DESC);
        """

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

    // A prompt row holds the counter its versions are numbered from, so numbering is one UPDATE
    // inside the write transaction. Bodies are JSON: the messages array, or the text as a string.
    static let v3Prompts = """
        CREATE TABLE prompts (
            project TEXT NOT NULL,
            name TEXT NOT NULL,
            latest_version INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (project, name)
        );
        CREATE TABLE prompt_versions (
            project TEXT NOT NULL,
            name TEXT NOT NULL,
            number INTEGER NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL,
            config TEXT NOT NULL,
            author TEXT NOT NULL,
            commit_message TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (project, name, number)
        );
        CREATE TABLE prompt_labels (
            project TEXT NOT NULL,
            prompt TEXT NOT NULL,
            label TEXT NOT NULL,
            version INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (project, prompt, label)
        );
        CREATE TABLE prompt_label_moves (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            project TEXT NOT NULL,
            prompt TEXT NOT NULL,
            label TEXT NOT NULL,
            from_version INTEGER,
            to_version INTEGER NOT NULL,
            actor TEXT NOT NULL,
            moved_at INTEGER NOT NULL
        );
        CREATE INDEX prompt_label_moves_prompt ON prompt_label_moves(project, prompt, seq);
        """

    // A version is its content hash; `seq` orders versions (times can tie). Items are kept per
    // version, in order, as the JSON the hash was taken over.
    static let v4Datasets = """
        CREATE TABLE dataset_versions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            project TEXT NOT NULL,
            dataset TEXT NOT NULL,
            hash TEXT NOT NULL,
            item_count INTEGER NOT NULL,
            author TEXT NOT NULL,
            message TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            UNIQUE (project, dataset, hash)
        );
        CREATE TABLE dataset_items (
            version_seq INTEGER NOT NULL REFERENCES dataset_versions(seq) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            item TEXT NOT NULL,
            PRIMARY KEY (version_seq, position)
        );
        """

    // One row per run and one per finished item, so a run resumes from what is stored.
    static let v5Experiments = """
        CREATE TABLE experiment_runs (
            id TEXT PRIMARY KEY NOT NULL,
            project TEXT NOT NULL,
            dataset TEXT NOT NULL,
            dataset_version TEXT NOT NULL,
            item_count INTEGER NOT NULL,
            plan TEXT NOT NULL,
            status TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            finished_at INTEGER,
            summary TEXT
        );
        CREATE INDEX experiment_runs_project ON experiment_runs(project, created_at DESC, id DESC);
        CREATE TABLE experiment_items (
            run_id TEXT NOT NULL REFERENCES experiment_runs(id) ON DELETE CASCADE,
            item INTEGER NOT NULL,
            output TEXT,
            latency REAL,
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            cost REAL,
            trace_id TEXT,
            scores TEXT NOT NULL,
            score_errors TEXT NOT NULL,
            error TEXT,
            PRIMARY KEY (run_id, item)
        );
        """

    // A score targets a trace (trace_id) or an experiment item (run_id, item). Its value is kept by
    // kind: numbers and booleans (0/1) in `number`, labels in `label`, so numbers aggregate in SQL.
    static let v6Scores = """
        CREATE TABLE score_definitions (
            project TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            min REAL,
            max REAL,
            categories TEXT,
            description TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (project, name)
        );
        CREATE TABLE scores (
            id TEXT PRIMARY KEY NOT NULL,
            project TEXT NOT NULL,
            trace_id TEXT,
            run_id TEXT,
            item INTEGER,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            number REAL,
            label TEXT,
            comment TEXT,
            source TEXT NOT NULL,
            author TEXT NOT NULL,
            queue_id TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX scores_trace ON scores(project, trace_id, created_at);
        CREATE INDEX scores_run ON scores(project, run_id, item, created_at);
        """

    // Items are fixed when the queue is made; `state` with the lease columns is what `next` looks at,
    // so the (queue_id, state, position) index finds the first waiting item without a scan.
    static let v7AnnotationQueues = """
        CREATE TABLE annotation_queues (
            id TEXT PRIMARY KEY NOT NULL,
            project TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            score_names TEXT NOT NULL,
            run_id TEXT,
            lease_seconds INTEGER NOT NULL,
            item_count INTEGER NOT NULL,
            author TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX annotation_queues_project ON annotation_queues(project, created_at DESC, id DESC);
        CREATE TABLE annotation_queue_items (
            queue_id TEXT NOT NULL REFERENCES annotation_queues(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            trace_id TEXT,
            run_id TEXT,
            item INTEGER,
            state TEXT NOT NULL,
            reviewer TEXT,
            lease_expires_at INTEGER,
            done_at INTEGER,
            PRIMARY KEY (queue_id, position)
        );
        CREATE INDEX annotation_queue_items_state ON annotation_queue_items(queue_id, state, position);
        """

    static let v10LimitsAndRoutes = """
        ALTER TABLE api_keys ADD COLUMN limits TEXT;
        CREATE TABLE limit_states (
            key TEXT PRIMARY KEY NOT NULL,
            value REAL NOT NULL,
            stamp REAL NOT NULL
        );
        CREATE TABLE route_changes (
            version INTEGER PRIMARY KEY NOT NULL,
            actor TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            routes TEXT NOT NULL
        );
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

    // Why each score is what it is (a judge's reason, a failed check), next to the scores.
    static let v8ScoreReasons = """
        ALTER TABLE experiment_items ADD COLUMN score_reasons TEXT NOT NULL DEFAULT '{}';
        """
}
