/// Migration v15: console sessions.
extension PostgresMigrations {
    // The token itself is never stored, only its SHA-256: a copy of the database cannot sign in.
    // Every replica reads the same rows, so a browser may land on any of them.
    static let v15ConsoleSessions = Migration(version: 15, name: "console sessions", statements: [
        """
        CREATE TABLE console_sessions (
            token_hash TEXT PRIMARY KEY,
            key_id TEXT NOT NULL,
            project TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX console_sessions_expiry ON console_sessions (expires_at)",
    ])
}
