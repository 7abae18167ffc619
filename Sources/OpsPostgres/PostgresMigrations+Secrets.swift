/// Migration v17: provider secrets, sealed (AES-GCM) by the server before they reach the table.
extension PostgresMigrations {
    static let v17Secrets = Migration(version: 17, name: "sealed provider secrets", statements: [
        """
        CREATE TABLE secrets (
            name TEXT COLLATE "C" PRIMARY KEY,
            key_id TEXT NOT NULL,
            nonce TEXT NOT NULL,
            ciphertext TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
    ])
}
