extension ChatMessage {
    /// Reads one message of a request; `path` names it in errors (`messages[3]`).
    public init(json: JSONValue, path: String) throws(OpsError) {
        let fields = try JSONFields(json, path: path)
        let role = try fields.requiredString("role")
        let roles = ["system", "developer", "user", "assistant", "tool", "function"]
        guard roles.contains(role) else {
            throw .invalid("\(fields.fieldPath("role")) must be one of \(roles.joined(separator: ", ")), got '\(role)'",
                           param: fields.fieldPath("role"))
        }
        var content: MessageContent?
        switch fields.object["content"] {
        case nil, .null?: content = nil
        case .string(let s)?: content = .text(s)
        case .array(let parts)?:
            for (i, part) in parts.enumerated() {
                let partFields = try JSONFields(part, path: "\(path).content[\(i)]")
                _ = try partFields.requiredString("type")
            }
            content = .parts(parts)
        case let other?:
            throw .invalid("\(fields.fieldPath("content")) must be a string or an array of parts, got \(other.typeDescription)",
                           param: fields.fieldPath("content"))
        }
        var toolCalls: [ToolCall]?
        if let calls = try fields.array("tool_calls") {
            toolCalls = []
            for (i, call) in calls.enumerated() {
                let callFields = try JSONFields(call, path: "\(path).tool_calls[\(i)]")
                let function = try JSONFields(call["function"] ?? .null, path: "\(path).tool_calls[\(i)].function")
                toolCalls?.append(ToolCall(id: try callFields.requiredString("id"),
                                           type: try callFields.string("type") ?? "function",
                                           name: try function.requiredString("name"),
                                           arguments: try function.string("arguments") ?? ""))
            }
        }
        if content == nil, toolCalls == nil, role != "assistant" {
            throw .invalid("\(fields.fieldPath("content")) is required for role '\(role)'", param: fields.fieldPath("content"))
        }
        self.init(role: role, content: content, name: try fields.string("name"), toolCalls: toolCalls,
                  toolCallID: try fields.string("tool_call_id"), refusal: try fields.string("refusal"))
    }

    public var json: JSONValue {
        var o = JSONObject()
        o["role"] = .string(role)
        switch content {
        case .text(let s)?: o["content"] = .string(s)
        case .parts(let parts)?: o["content"] = .array(parts)
        case nil: o["content"] = .null
        }
        if let name { o["name"] = .string(name) }
        if let toolCalls { o["tool_calls"] = .array(toolCalls.map(\.json)) }
        if let toolCallID { o["tool_call_id"] = .string(toolCallID) }
        if let refusal { o["refusal"] = .string(refusal) }
        return .object(o)
    }
}

extension ToolCall {
    public var json: JSONValue {
        ["id": .string(id), "type": .string(type),
         "function": ["name": .string(name), "arguments": .string(arguments)]]
    }
}

extension ToolCallDelta {
    public var json: JSONValue {
        var o = JSONObject()
        o["index"] = .int(Int64(index))
        if let id { o["id"] = .string(id) }
        if let type { o["type"] = .string(type) }
        var function = JSONObject()
        if let name { function["name"] = .string(name) }
        if let arguments { function["arguments"] = .string(arguments) }
        if !function.isEmpty { o["function"] = .object(function) }
        return .object(o)
    }

    public init(json: JSONValue) {
        self.init(index: json["index"]?.intValue ?? 0, id: json["id"]?.stringValue, type: json["type"]?.stringValue,
                  name: json["function"]?["name"]?.stringValue, arguments: json["function"]?["arguments"]?.stringValue)
    }
}
