import Foundation

/// A provider API key as the store keeps it: sealed with AES-GCM under the master key `keyID`
/// names, never in the clear. Opening it is the server's business (`SecretVault`); the store only
/// keeps the bytes.
public struct StoredSecret: Sendable, Hashable {
    /// What `models:` entries reference as `secret:NAME`.
    public var name: String
    /// The id of the master key the value is sealed under (a fingerprint, not the key).
    public var keyID: String
    /// The AES-GCM nonce, base64; every value has its own.
    public var nonce: String
    /// The ciphertext followed by the 16-byte tag, base64.
    public var ciphertext: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(name: String, keyID: String, nonce: String, ciphertext: String, createdAt: Date, updatedAt: Date) {
        self.name = name
        self.keyID = keyID
        self.nonce = nonce
        self.ciphertext = ciphertext
        self.createdAt = Date(epochMicros: createdAt.epochMicros)
        self.updatedAt = Date(epochMicros: updatedAt.epochMicros)
    }

    /// Names are what an environment variable may be called, plus `.` and `-`, 1–128 characters.
    public static func validateName(_ name: String) throws(OpsError) {
        let bytes = Array(name.utf8)
        guard (1...128).contains(bytes.count) else {
            throw .invalid("a secret name has 1 to 128 characters", param: "name")
        }
        func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        guard isLetter(bytes[0]), bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == 0x2E || $0 == 0x2D }) else {
            throw .invalid("a secret name starts with a letter or _ and has only letters, digits, _, . and -, got '\(name)'",
                           param: "name")
        }
    }
}

/// Where sealed secrets are kept.
public protocol SecretStore: Sendable {
    /// Stores `secret`, replacing one of the same name (whose creation time is kept).
    func putSecret(_ secret: StoredSecret) async throws
    func secret(named name: String) async throws -> StoredSecret?
    /// Every secret, by name.
    func secrets() async throws -> [StoredSecret]
    /// False when there was no such secret.
    func deleteSecret(named name: String) async throws -> Bool
    /// Replaces every secret with `reseal(secret)` in one transaction (all or none): how the master
    /// key is rotated. Returns how many were resealed.
    func resealSecrets(_ reseal: @escaping @Sendable (StoredSecret) throws -> StoredSecret) async throws -> Int
}
