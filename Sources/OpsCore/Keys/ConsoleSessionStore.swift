import Foundation

/// Where console sessions live, so every replica sharing the store knows every session.
public protocol ConsoleSessionStore: Sendable {
    func insertConsoleSession(_ session: ConsoleSession) async throws
    /// The session whose token hashes to `tokenHash`, with the key it was started with (as stored
    /// now: revoked or expired keys included, so the caller decides); nil when either is gone.
    /// Expired sessions are returned until they are deleted.
    func consoleSession(tokenHash: String) async throws -> (session: ConsoleSession, key: APIKey)?
    /// Ends one session; false when there was none.
    @discardableResult func deleteConsoleSession(tokenHash: String) async throws -> Bool
    /// Deletes the sessions that expired before `date`; returns how many.
    @discardableResult func deleteConsoleSessions(expiredBefore date: Date) async throws -> Int
}
