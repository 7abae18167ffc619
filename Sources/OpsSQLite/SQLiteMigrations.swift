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
        migrator.registerMigration("v15") { db in
            try db.execute(sql: v15ConsoleSessions)
        }
        migrator.registerMigration("v16") { db in
            try db.execute(sql: v16AuditLog)
        }
        migrator.registerMigration("v17") { db in
            try db.execute(sql: v17Secrets)
        }
        migrator.registerMigration("v18") { db in
            try db.execute(sql: v18RetentionIndexes)
        }
        migrator.registerMigration("v19") { db in
            try db.execute(sql: v19RouteChangesPerProject)
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

    // Why each score is what it is (a judge's reason, a failed check), next to the scores.
    static let v8ScoreReasons = """
        ALTER TABLE experiment_items ADD COLUMN score_reasons TEXT NOT NULL DEFAULT '{}';
        """
}
