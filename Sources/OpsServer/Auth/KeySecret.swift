import Crypto
import Foundation

/// API key secrets: generation, hashing, and constant-time comparison of hashes.
public enum KeySecret {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new secret: `llmops-` and 40 base62 characters (238 bits from the system CSPRNG).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let body = (0..<40).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return "llmops-" + String(decoding: body, as: UTF8.self)
    }

    /// Hex SHA-256 of the secret: what the store keeps.
    public static func hash(_ secret: String) -> String {
        // Hand-rolled hex: String(format:) costs microseconds per byte on Linux, on every request.
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(secret.utf8)) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// What lists show to recognise a key without revealing it.
    public static func displayPrefix(_ secret: String) -> String { String(secret.prefix(11)) }

    /// Compares two strings in time independent of where they differ.
    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
