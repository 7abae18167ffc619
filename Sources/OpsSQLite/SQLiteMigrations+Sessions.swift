/// Migration v15: console sessions.
extension SQLiteMigrations {
    // The token itself is never stored, only its SHA-256: a copy of the database cannot sign in.
    // The expiry index serves the sweep of ended sessions.
    static let v15ConsoleSessions = """
        CREATE TABLE console_sessions (
            token_hash TEXT PRIMARY KEY NOT NULL,
            key_id TEXT NOT NULL,
            project TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE INDEX console_sessions_expiry ON console_sessions(expires_at);
        """
}
