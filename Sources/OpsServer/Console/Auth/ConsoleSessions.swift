import Foundation
import OpsCore

/// Starts, finds and ends console sessions. A session is a random token in the browser's cookie;
/// the store keeps only its SHA-256 with the key, project and expiry, so any replica sharing the
/// store serves the browser, and a copy of the database signs nobody in.
struct ConsoleSessions: Sendable {
    let store: any ConsoleSessionStore
    let clock: any WallClock
    /// How long a session lasts (`server.session_ttl_s`).
    let ttl: TimeInterval

    /// A new session for `key`; returns the token for the cookie. Sessions that ended are swept
    /// here, so the table holds only live ones and those since the last sign-in.
    func start(for key: APIKey) async throws -> String {
        let now = clock.now()
        try await store.deleteConsoleSessions(expiredBefore: now)
        let token = ConsoleCookies.newToken()
        var expiry = now.addingTimeInterval(ttl)
        // A session never outlives its key.
        if let keyExpiry = key.expiresAt, keyExpiry < expiry { expiry = keyExpiry }
        try await store.insertConsoleSession(ConsoleSession(tokenHash: KeySecret.hash(token), keyID: key.id, project: key.project,
                                                            createdAt: now, expiresAt: expiry))
        return token
    }

    /// The key of the session `token` names, when the session has not expired and the key is still
    /// active (re-read from the store on every page, so revoking the key ends the session at once
    /// on every replica); nil otherwise, and an ended session is deleted.
    func key(for token: String) async throws -> APIKey? {
        let hash = KeySecret.hash(token)
        guard let (session, key) = try await store.consoleSession(tokenHash: hash) else { return nil }
        let now = clock.now()
        guard session.isActive(at: now), key.isActive(at: now), key.project == session.project else {
            try await store.deleteConsoleSession(tokenHash: hash)
            return nil
        }
        return key
    }

    /// Ends the session `token` names.
    func end(_ token: String) async throws {
        try await store.deleteConsoleSession(tokenHash: KeySecret.hash(token))
    }
}
