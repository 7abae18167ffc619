/// Migration v17: provider secrets, sealed (AES-GCM) by the server before they reach the table.
extension SQLiteMigrations {
    static let v17Secrets = """
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY NOT NULL,
            key_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            ciphertext TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        """
}
