import Foundation

/// A stored API key. The secret itself is never stored: only its SHA-256 and a short prefix
/// that lets people recognise it in lists.
public struct APIKey: Sendable, Hashable {
    public var id: String
    public var project: String
    public var name: String?
    public var role: Role
    /// Hex SHA-256 of the secret.
    public var secretHash: String
    /// The first characters of the secret, e.g. `llmops-3fa9`, for display.
    public var prefix: String
    public var createdAt: Date
    public var revokedAt: Date?
    public var expiresAt: Date?
    public var limits: KeyLimits

    public init(id: String = Identifier.prefixed("key"), project: String, name: String? = nil, role: Role,
                secretHash: String, prefix: String, createdAt: Date, revokedAt: Date? = nil, expiresAt: Date? = nil,
                limits: KeyLimits = KeyLimits()) {
        self.id = id
        self.project = project
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.prefix = prefix
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.expiresAt = expiresAt
        self.limits = limits
    }

    /// Usable at `date`: not revoked and not expired.
    public func isActive(at date: Date) -> Bool {
        if revokedAt != nil { return false }
        if let expiresAt, expiresAt <= date { return false }
        return true
    }
}
