import OpsCore

extension AnthropicRequestTranslator {
    /// Content blocks for a user message's (or tool result's) content: text and images.
    static func contentBlocks(_ content: MessageContent?, path: String) throws(OpsError) -> [JSONValue] {
        switch content {
        case nil: return []
        case .text(let s)?: return s.isEmpty ? [] : [["type": "text", "text": .string(s)]]
        case .parts(let parts)?:
            var blocks: [JSONValue] = []
            for (j, part) in parts.enumerated() {
                let partPath = "\(path)[\(j)]"
                var block: JSONObject
                switch part["type"]?.stringValue {
                case "text":
                    guard let text = part["text"]?.stringValue else {
                        throw .invalid("\(partPath).text must be a string", param: "\(partPath).text")
                    }
                    // Anthropic rejects empty text blocks; an empty part adds nothing anyway.
                    if text.isEmpty { continue }
                    block = JSONObject([("type", "text"), ("text", .string(text))])
                case "image_url":
                    block = try imageBlock(part, path: partPath)
                case let other:
                    throw .invalid("\(partPath).type '\(other ?? "")' is not supported by Anthropic models; "
                                   + "use 'text' or 'image_url'", param: "\(partPath).type")
                }
                // Prompt caching: clients that know Anthropic mark parts with `cache_control`.
                if let cacheControl = part["cache_control"] { block["cache_control"] = cacheControl }
                blocks.append(.object(block))
            }
            return blocks
        }
    }

    /// An image block from an `image_url` part: data URLs become base64 sources, http(s) URLs
    /// URL sources.
    static func imageBlock(_ part: JSONValue, path: String) throws(OpsError) -> JSONObject {
        guard let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue else {
            throw .invalid("\(path).image_url.url must be a string", param: "\(path).image_url.url")
        }
        if url.hasPrefix("https://") || url.hasPrefix("http://") {
            return JSONObject([("type", "image"), ("source", ["type": "url", "url": .string(url)])])
        }
        // data:<media type>;base64,<data>
        guard url.hasPrefix("data:"), let comma = url.firstIndex(of: ","),
              url[..<comma].hasSuffix(";base64") else {
            throw .invalid("\(path).image_url.url must be an http(s) URL or a base64 data URL "
                           + "(data:image/png;base64,…)", param: "\(path).image_url.url")
        }
        let mediaType = url[url.index(url.startIndex, offsetBy: 5)..<comma].dropLast(";base64".count)
        return JSONObject([("type", "image"),
                           ("source", ["type": "base64", "media_type": .string(String(mediaType)),
                                       "data": .string(String(url[url.index(after: comma)...]))])])
    }

    /// An assistant turn: its text, then one `tool_use` block per tool call.
    static func assistantBlocks(_ message: ChatMessage, path: String) throws(OpsError) -> [JSONValue] {
        var blocks = try contentBlocks(message.content, path: "\(path).content")
        for (j, call) in (message.toolCalls ?? []).enumerated() {
            let argumentsPath = "\(path).tool_calls[\(j)].function.arguments"
            var input = JSONValue.object(JSONObject())
            if !call.arguments.isEmpty {
                do { input = try JSONParser.parse(call.arguments) } catch {
                    throw .invalid("\(argumentsPath) is not valid JSON: \(error)", param: argumentsPath)
                }
            }
            guard input.objectValue != nil else {
                throw .invalid("\(argumentsPath) must be a JSON object, got \(input.typeDescription)",
                               param: argumentsPath)
            }
            blocks.append(["type": "tool_use", "id": .string(call.id), "name": .string(call.name), "input": input])
        }
        return blocks
    }

    /// A `tool` message as the `tool_result` block Anthropic expects in the next user turn.
    static func toolResultBlock(_ message: ChatMessage, path: String) throws(OpsError) -> JSONValue {
        guard let id = message.toolCallID, !id.isEmpty else {
            throw .invalid("\(path).tool_call_id is required for role 'tool'", param: "\(path).tool_call_id")
        }
        var block = JSONObject([("type", "tool_result"), ("tool_use_id", .string(id))])
        switch message.content {
        case .text(let s)? where !s.isEmpty: block["content"] = .string(s)
        case .parts?:
            let blocks = try contentBlocks(message.content, path: "\(path).content")
            if !blocks.isEmpty { block["content"] = .array(blocks) }
        default: break
        }
        return .object(block)
    }
}
