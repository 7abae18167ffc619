import OpsCore

extension JSONValue {
    /// The value as the plain tree YAML parsing gives (`[String: Any]`, `[Any]`, `Int`, `Double`,
    /// `String`, `Bool`), so configuration readers take JSON bodies and YAML files alike.
    var configTree: Any? {
        switch self {
        case .null: return nil
        case .bool(let b): return b
        case .int(let i): return Int(i)
        case .double(let d): return d
        case .string(let s): return s
        case .array(let items): return items.map { $0.configTree as Any }
        case .object(let object):
            var out: [String: Any] = [:]
            for (key, value) in object { if let v = value.configTree { out[key] = v } }
            return out
        }
    }
}
