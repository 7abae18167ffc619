import Foundation

/// A signed-in browser of the web console. The browser holds a random token; the store keeps
/// only the token's SHA-256, the key it signed in with, and when the session ends.
public struct ConsoleSession: Sendable, Hashable {
    /// Hex SHA-256 of the token in the browser's cookie.
    public var tokenHash: String
    public var keyID: String
    public var project: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, keyID: String, project: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.keyID = keyID
        self.project = project
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Not yet expired at `date`.
    public func isActive(at date: Date) -> Bool { date < expiresAt }
}
