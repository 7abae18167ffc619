/// One way an instance fails a JSON Schema: where in the instance, which keyword, and why.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// JSON Pointer to the failing value in the instance (`""` for the root, `/items/0/name`).
    public var instancePath: String
    /// The keyword that failed (`type`, `required`, `minimum`, …).
    public var keyword: String
    /// JSON Pointer to the keyword in the schema.
    public var schemaPath: String
    /// What is wrong, in words ("expected string, got integer").
    public var message: String

    public init(instancePath: String, keyword: String, schemaPath: String, message: String) {
        self.instancePath = instancePath
        self.keyword = keyword
        self.schemaPath = schemaPath
        self.message = message
    }

    public var description: String {
        "\(instancePath.isEmpty ? "(root)" : instancePath): \(keyword): \(message)"
    }
}
