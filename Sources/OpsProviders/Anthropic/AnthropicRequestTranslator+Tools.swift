import OpsCore

extension AnthropicRequestTranslator {
    /// OpenAI function tools as Anthropic tools: `{name, description, input_schema}`.
    static func anthropicTools(_ tools: [JSONValue]) throws(OpsError) -> [JSONValue] {
        var result: [JSONValue] = []
        for (i, tool) in tools.enumerated() {
            let fields = try JSONFields(tool, path: "tools[\(i)]")
            let type = try fields.string("type") ?? "function"
            guard type == "function" else {
                throw .invalid("tools[\(i)].type '\(type)' is not supported by Anthropic models; use 'function'",
                               param: "tools[\(i)].type")
            }
            let function = try JSONFields(fields.object["function"] ?? .null, path: "tools[\(i)].function")
            var o = JSONObject()
            o["name"] = .string(try function.requiredString("name"))
            if let description = try function.string("description") { o["description"] = .string(description) }
            // Anthropic requires a schema; a function without parameters takes none.
            o["input_schema"] = .object(try function.objectValue("parameters")
                ?? JSONObject([("type", "object"), ("properties", .object(JSONObject()))]))
            if let cacheControl = fields.object["cache_control"] { o["cache_control"] = cacheControl }
            result.append(.object(o))
        }
        return result
    }

    /// OpenAI's `tool_choice` (and `parallel_tool_calls`) as Anthropic's `tool_choice`:
    /// auto → auto, none → none, required → any, a named function → tool.
    static func anthropicToolChoice(_ choice: JSONValue?, parallelToolCalls: Bool?,
                                    hasTools: Bool) throws(OpsError) -> JSONValue? {
        var o = JSONObject()
        switch choice {
        case nil, .null?:
            guard hasTools, parallelToolCalls == false else { return nil }
            o["type"] = "auto"
        case .string("auto")?: o["type"] = "auto"
        case .string("none")?: o["type"] = "none"
        case .string("required")?: o["type"] = "any"
        case .object(let object)?:
            let fields = try JSONFields(.object(object), path: "tool_choice")
            guard try fields.string("type") ?? "function" == "function" else {
                throw .invalid("tool_choice.type must be 'function'", param: "tool_choice.type")
            }
            let function = try JSONFields(object["function"] ?? .null, path: "tool_choice.function")
            o["type"] = "tool"
            o["name"] = .string(try function.requiredString("name"))
        case let other?:
            throw .invalid("tool_choice must be 'auto', 'none', 'required' or {\"type\":\"function\",…}, got "
                           + (other.stringValue.map { "'\($0)'" } ?? other.typeDescription), param: "tool_choice")
        }
        if parallelToolCalls == false, o["type"] != "none" { o["disable_parallel_tool_use"] = true }
        return .object(o)
    }
}
