import OpsCore

/// A JSON Schema (the core of draft 2020-12) ready to validate instances.
///
/// Supported: `type`, `enum`, `const`, numeric bounds and `multipleOf`, string length and
/// `pattern`, `properties`, `patternProperties`, `additionalProperties`, `required`,
/// `propertyNames`, `min/maxProperties`, `dependentRequired`, `dependentSchemas`, `prefixItems`,
/// `items`, `contains` with `min/maxContains`, `min/maxItems`, `uniqueItems`, `allOf`, `anyOf`,
/// `oneOf`, `not`, `if`/`then`/`else`, and `$ref` within the document (`$defs`, JSON Pointers,
/// `$id` and `$anchor`). Not supported: `$dynamicRef`, `unevaluated*`, `format` assertions,
/// references to other documents.
public struct JSONSchema: Sendable {
    /// The schema document.
    public let root: JSONValue
    let index: SchemaIndex
    let baseURI: String

    /// Prepares `schema` (an object or a boolean); patterns are compiled now, so a bad one
    /// throws `EvalError.invalidSchema` here rather than during validation.
    public init(_ schema: JSONValue) throws {
        switch schema {
        case .object, .bool: break
        default: throw EvalError.invalidSchema("a schema must be an object or a boolean, not \(schema.typeDescription)")
        }
        root = schema
        baseURI = SchemaURI.stripFragment(schema["$id"]?.stringValue ?? "")
        index = try SchemaIndex(root: schema, base: baseURI)
    }

    /// Parses and prepares a schema from JSON text.
    public init(parsing text: String) throws {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw EvalError.invalidSchema("not valid JSON: \(error)")
        }
        try self.init(value)
    }

    /// Every violation of the schema by `instance`; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [SchemaViolation] {
        var errors: [SchemaViolation] = []
        let validator = JSONSchemaValidator(index: index)
        validator.validate(instance, root, at: JSONSchemaValidator.Location(base: baseURI), into: &errors)
        return errors
    }

    /// True when `instance` satisfies the schema.
    public func isValid(_ instance: JSONValue) -> Bool { validate(instance).isEmpty }
}
