import Foundation

/// The canonical encoding and hash of audit entries: pure code, so every store and the verifier
/// compute the same bytes.
///
/// The encoding is a version tag followed by each field as `name=<byte count>:<bytes>\n`, in a fixed
/// order: the lengths make it unambiguous (no field can pretend to end early), and an absent target
/// is distinguished from an empty one.
public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The bytes the hash of `entry` covers (every field except the hash itself).
    public static func canonicalBytes(of entry: AuditEntry) -> [UInt8] {
        var out = Array("llmops-audit-v1\n".utf8)
        func field(_ name: String, _ value: String?) {
            out.append(contentsOf: name.utf8)
            guard let value else {
                out.append(contentsOf: "-\n".utf8)
                return
            }
            out.append(contentsOf: "=\(value.utf8.count):".utf8)
            out.append(contentsOf: value.utf8)
            out.append(0x0A)
        }
        field("sequence", String(entry.sequence))
        field("previous", entry.previousHash)
        field("actor", entry.actor)
        field("project", entry.project)
        field("at", String(entry.at.epochMicros))
        field("action", entry.action.rawValue)
        field("target", entry.target)
        field("detail", entry.detailJSON)
        return out
    }

    /// SHA-256 of the canonical bytes, 64 lowercase hex digits.
    public static func hash(of entry: AuditEntry) -> String {
        SHA256Digest.hex(canonicalBytes(of: entry))
    }

    /// Compact JSON with object keys sorted (recursively), so equal details have equal bytes.
    public static func canonicalJSON(_ value: JSONValue) -> String {
        sorted(value).serializedString()
    }

    private static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sorted))
        case .object(let object):
            return .object(JSONObject(object.entries.sorted { $0.key < $1.key }.map { ($0.key, sorted($0.value)) }))
        default: return value
        }
    }
}
