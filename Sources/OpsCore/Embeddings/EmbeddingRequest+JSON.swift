extension EmbeddingRequest {
    public init(json: JSONValue) throws(OpsError) {
        let fields = try JSONFields(json)
        let model = try fields.requiredString("model")
        let input: Input
        switch fields.object["input"] {
        case nil, .null?:
            throw .invalid("input is required", param: "input")
        case .string(let s)?:
            input = .texts([s])
        case .array(let items)?:
            guard !items.isEmpty else { throw .invalid("input must not be empty", param: "input") }
            if items.allSatisfy({ $0.stringValue != nil }) {
                input = .texts(items.compactMap(\.stringValue))
            } else if items.allSatisfy({ $0.intValue != nil }) {
                input = .tokens([items.compactMap(\.intValue)])
            } else if items.allSatisfy({ $0.arrayValue?.allSatisfy { $0.intValue != nil } == true }) {
                input = .tokens(items.compactMap { $0.arrayValue?.compactMap(\.intValue) })
            } else {
                throw .invalid("input must be a string, an array of strings, or an array of token arrays", param: "input")
            }
        case let other?:
            throw .invalid("input must be a string or an array, got \(other.typeDescription)", param: "input")
        }
        let format = try fields.string("encoding_format") ?? "float"
        guard format == "float" || format == "base64" else {
            throw .invalid("encoding_format must be 'float' or 'base64', got '\(format)'", param: "encoding_format")
        }
        self.init(model: model, input: input, encodingFormat: format, dimensions: try fields.int("dimensions", in: 1...65_536),
                  user: try fields.string("user"), metadata: try fields.objectValue("metadata"))
    }

    /// The body for an OpenAI-compatible upstream (always float vectors).
    public func upstreamJSON(model upstreamModel: String) -> JSONValue {
        var o = JSONObject()
        o["model"] = .string(upstreamModel)
        switch input {
        case .texts(let texts): o["input"] = .array(texts.map { .string($0) })
        case .tokens(let tokens): o["input"] = .array(tokens.map { .array($0.map { .int(Int64($0)) }) })
        }
        o["encoding_format"] = "float"
        if let dimensions { o["dimensions"] = .int(Int64(dimensions)) }
        if let user { o["user"] = .string(user) }
        return .object(o)
    }
}
