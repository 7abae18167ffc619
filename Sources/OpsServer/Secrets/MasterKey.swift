import Crypto
import Foundation

/// The AES-256 key secrets are sealed under. Its `id` is a fingerprint stored beside each value, so
/// a value sealed under another key is recognised (and rotation can tell old rows from new).
public struct MasterKey: Sendable {
    /// 16 hex digits of SHA-256 over a label and the key: identifies the key without revealing it.
    public let id: String
    let key: SymmetricKey

    /// A key from its 32 bytes.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw SecretError("a master key is 32 bytes, got \(bytes.count)") }
        key = SymmetricKey(data: bytes)
        id = SHA256.hash(data: Array("llmops-master-key-id:".utf8) + bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A key from its base64 text (what `LLMOPS_MASTER_KEY` and the key file hold); `source` names
    /// where it came from for the error.
    public init(base64 text: String, source: String) throws {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SecretError("\(source) is not base64 (it should hold 32 random bytes, e.g. from `openssl rand -base64 32`)")
        }
        do {
            try self.init(bytes: Array(data))
        } catch {
            throw SecretError("\(source) must hold 32 bytes in base64, it holds \(data.count)")
        }
    }

    /// 32 fresh random bytes.
    public static func generate() -> MasterKey {
        // Force-try: 32 bytes is always a valid length.
        try! MasterKey(bytes: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// The key as base64, for the key file.
    var base64: String { key.withUnsafeBytes { Data($0).base64EncodedString() } }
}
