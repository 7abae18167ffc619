import OpsCore

/// What a scorer looks at: the dataset item (input, expected output, metadata) and the output
/// the target gave for it.
public struct ScoringSubject: Sendable, Hashable {
    public var item: DatasetItem
    public var output: String

    public init(item: DatasetItem, output: String) {
        self.item = item
        self.output = output
    }

    /// What external scorers receive: `{"input", "output", "expected", "metadata"}`, with the
    /// item's input and expected output as stored (`expected` is null when the item has none).
    public var json: JSONValue {
        ["input": item.input, "output": .string(output), "expected": item.expectedOutput ?? .null,
         "metadata": .object(item.metadata)]
    }

    /// The input as one text: a string as it is, a conversation as `role: content` lines, any other
    /// value as compact JSON.
    public var inputText: String {
        if let text = item.input.stringValue { return text }
        if let messages = item.input["messages"]?.arrayValue {
            return messages.map { message in
                let role = message["role"]?.stringValue ?? "?"
                let content = message["content"].map { $0.stringValue ?? $0.serializedString() } ?? ""
                return "\(role): \(content)"
            }.joined(separator: "\n")
        }
        return item.input.serializedString()
    }

    /// The expected output as one text, or nil when the item has none.
    public var expectedText: String? {
        switch item.expectedOutput {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: return other.serializedString()
        }
    }
}
