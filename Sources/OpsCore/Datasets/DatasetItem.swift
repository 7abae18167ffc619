/// One example of a dataset: the input a target is run on, the output it is expected to give
/// (for reference-based metrics) and free-form metadata.
public struct DatasetItem: Sendable, Hashable {
    /// `{"messages": [...]}` for a fixed conversation, an object of variables for a prompt
    /// (`{"question": "…"}`), or a plain string.
    public var input: JSONValue
    /// The reference output: usually a string; a JSON value for structured outputs.
    public var expectedOutput: JSONValue?
    public var metadata: JSONObject

    public init(input: JSONValue, expectedOutput: JSONValue? = nil, metadata: JSONObject = JSONObject()) {
        self.input = input
        self.expectedOutput = expectedOutput
        self.metadata = metadata
    }

    /// The conversation when the input is `{"messages": [...]}`; fails naming the message at fault.
    public func messages() throws(OpsError) -> [ChatMessage]? {
        guard let array = input["messages"]?.arrayValue else { return nil }
        var out: [ChatMessage] = []
        for (i, message) in array.enumerated() {
            out.append(try ChatMessage(json: message, path: "input.messages[\(i)]"))
        }
        return out
    }

    /// The prompt variables: the input object's fields (unless it holds `messages`), or
    /// `{"input": text}` for a string input.
    public var variables: [String: JSONValue] {
        switch input {
        case .object(let object) where object["messages"] == nil:
            return Dictionary(object.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        case .string(let text):
            return ["input": .string(text)]
        default:
            return [:]
        }
    }

    /// The references metrics compare against: a string, each string of an array, or the compact
    /// JSON of any other value; none when there is no expected output.
    public var references: [String] {
        switch expectedOutput {
        case nil, .null?: return []
        case .string(let s)?: return [s]
        case .array(let values)? where values.allSatisfy({ $0.stringValue != nil }): return values.compactMap(\.stringValue)
        case let other?: return [other.serializedString()]
        }
    }

    /// The item as stored and exported (one JSONL line): `{"input", "expected_output"?, "metadata"?}`.
    public var json: JSONValue {
        var o = JSONObject()
        o["input"] = input
        if let expectedOutput { o["expected_output"] = expectedOutput }
        if !metadata.isEmpty { o["metadata"] = .object(metadata) }
        return .object(o)
    }

    /// The canonical form the content hash is taken over: keys sorted at every level, compact.
    public var canonicalJSON: [UInt8] { Self.canonical(json).serialized() }

    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let sorted = object.entries.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            return .object(JSONObject(sorted.map { ($0.key, canonical($0.value)) }))
        case .array(let values):
            return .array(values.map(canonical))
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15:
            // 1 and 1.0 are the same number; the hash must not depend on how a file spelled it.
            return .int(Int64(d))
        default:
            return value
        }
    }
}
