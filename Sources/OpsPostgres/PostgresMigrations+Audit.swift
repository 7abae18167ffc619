/// Migration v16: the hash-chained audit log and its head row.
extension PostgresMigrations {
    // Appends lock the head row (`SELECT … FOR UPDATE`), which serializes them across replicas;
    // verification compares the log's end with it, so deleted tail rows show. `detail` is TEXT
    // holding canonical JSON: the hash covers its exact bytes, which jsonb would not keep.
    static let v16AuditLog = Migration(version: 16, name: "hash-chained audit log", statements: [
        """
        CREATE TABLE audit_log (
            sequence BIGINT PRIMARY KEY,
            actor TEXT NOT NULL,
            project TEXT NOT NULL,
            at BIGINT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        "CREATE INDEX audit_log_project ON audit_log (project, sequence)",
        """
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sequence BIGINT NOT NULL,
            hash TEXT NOT NULL
        )
        """,
        "INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '\(String(repeating: "0", count: 64))')",
    ])
}
