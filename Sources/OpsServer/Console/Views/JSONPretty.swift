import OpsCore

/// JSON indented two spaces per level, keys in their stored order: what the trace page shows
/// in its "raw JSON" section and for metadata and tool calls.
enum JSONPretty {
    static func format(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch value {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let object) where !object.isEmpty:
            out += "{\n"
            for (i, entry) in object.enumerated() {
                out += pad + JSONValue.string(entry.key).serializedString() + ": "
                write(entry.value, indent: indent + 1, into: &out)
                out += i == object.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        default:
            out += value.serializedString()
        }
    }
}
