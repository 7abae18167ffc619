import OpsCore

/// 1 when the hypothesis is JSON that satisfies a schema, else 0; the reason names each failing
/// instance path and keyword.
public struct JSONSchemaMetric: Metric {
    public let name = "json_schema"
    public let schema: JSONSchema

    public init(schema: JSONSchema) {
        self.schema = schema
    }

    /// Parses the schema from JSON text; a malformed schema throws `EvalError.invalidSchema`.
    public init(schemaText: String) throws {
        self.schema = try JSONSchema(parsing: schemaText)
    }

    public func score(hypothesis: String, references: [String]) throws -> MetricScore {
        let instance: JSONValue
        do {
            instance = try JSONParser.parse(hypothesis)
        } catch {
            return .pass(false, reason: "not valid JSON: \(error)")
        }
        let violations = schema.validate(instance)
        return .pass(violations.isEmpty, reason: violations.map(\.description).joined(separator: "; "))
    }
}
