/// Migration v16: the hash-chained audit log and its head row.
extension SQLiteMigrations {
    // The head row holds the newest sequence number and hash: appends read and move it in the same
    // write transaction, and verification compares the log's end with it (deleted tail rows show).
    // `detail` is canonical JSON text: the hash covers its bytes.
    static let v16AuditLog = """
        CREATE TABLE audit_log (
            sequence INTEGER PRIMARY KEY NOT NULL,
            actor TEXT NOT NULL,
            project TEXT NOT NULL,
            at INTEGER NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            detail TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_log_project ON audit_log(project, sequence);
        CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash TEXT NOT NULL
        );
        INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
        """
}
