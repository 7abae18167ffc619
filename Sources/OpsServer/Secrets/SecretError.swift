/// Why a secret or the master key could not be used. Messages name secrets, models, files and key
/// ids, never a secret's value or key material.
public struct SecretError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
