import OpsCore

/// Writes server-sent events the way OpenAI does: `data: <json>\n\n`, ending with `data: [DONE]`.
public enum SSEEncoder {
    public static func data(_ json: JSONValue) -> [UInt8] {
        var out: [UInt8] = Array("data: ".utf8)
        json.write(into: &out)
        out.append(contentsOf: [0x0A, 0x0A])
        return out
    }

    public static func event(_ name: String, _ json: JSONValue) -> [UInt8] {
        var out: [UInt8] = Array("event: \(name)\ndata: ".utf8)
        json.write(into: &out)
        out.append(contentsOf: [0x0A, 0x0A])
        return out
    }

    public static let done: [UInt8] = Array("data: [DONE]\n\n".utf8)
}
