import OpsCore

/// PostgreSQL text and jsonb cannot hold the NUL character (U+0000); a trace carrying one would
/// make the whole batch fail. NUL becomes U+FFFD, the replacement character, and nothing else changes.
enum PostgresText {
    static func clean(_ text: String) -> String {
        guard text.utf8.contains(0) else { return text }
        return String(text.unicodeScalars.map { $0 == "\u{0}" ? "\u{FFFD}" : Character($0) })
    }

    static func clean(_ text: String?) -> String? { text.map(clean) }

    /// Compact JSON text for a jsonb parameter.
    static func json(_ value: JSONValue) -> String {
        let text = value.serializedString()
        // The serializer writes NUL as the escape \u0000, so only then is the walk needed.
        guard text.contains("\\u0000") else { return text }
        return clean(value).serializedString()
    }

    static func clean(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let s): return .string(clean(s))
        case .array(let items): return .array(items.map(clean))
        case .object(let object): return .object(JSONObject(object.map { (clean($0.key), clean($0.value)) }))
        case .null, .bool, .int, .double: return value
        }
    }
}
