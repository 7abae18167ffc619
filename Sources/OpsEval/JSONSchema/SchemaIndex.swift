import OpsCore

/// Where `$ref` can land inside one schema document: every `$id` (a resource) and `$anchor`,
/// by absolute URI, plus every `pattern` compiled up front so a bad one fails when the schema loads.
struct SchemaIndex: Sendable {
    struct Target: Sendable {
        var schema: JSONValue
        /// The base URI in force where the target sits; the target's own `$id`, if any, still applies.
        var base: String
    }

    private(set) var resources: [String: Target] = [:]
    private(set) var anchors: [String: Target] = [:]
    private(set) var patterns: [String: CompiledPattern] = [:]

    /// Keywords whose value is one subschema, an array of subschemas, or a map of them.
    static let singleSubschema: Set<String> = [
        "additionalProperties", "items", "contains", "not", "if", "then", "else", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties",
    ]
    static let subschemaArrays: Set<String> = ["allOf", "anyOf", "oneOf", "prefixItems"]
    static let subschemaMaps: Set<String> = ["properties", "patternProperties", "$defs", "dependentSchemas"]

    init(root: JSONValue, base: String) throws {
        try walk(root, base: base)
        if resources[base] == nil { resources[base] = Target(schema: root, base: base) }
    }

    private mutating func walk(_ schema: JSONValue, base: String) throws {
        guard case .object(let object) = schema else { return }
        let parentBase = base
        var base = base
        if let id = object["$id"]?.stringValue {
            base = SchemaURI.stripFragment(SchemaURI.resolve(id, against: base))
            resources[base] = Target(schema: schema, base: parentBase)
        }
        if let anchor = object["$anchor"]?.stringValue {
            anchors[base + "#" + anchor] = Target(schema: schema, base: parentBase)
        }
        if let pattern = object["pattern"]?.stringValue { try compile(pattern) }
        if let patternProperties = object["patternProperties"]?.objectValue {
            for key in patternProperties.keys { try compile(key) }
        }
        for (keyword, value) in object {
            if Self.singleSubschema.contains(keyword) {
                try walk(value, base: base)
            } else if Self.subschemaArrays.contains(keyword), let items = value.arrayValue {
                for item in items { try walk(item, base: base) }
            } else if Self.subschemaMaps.contains(keyword), let map = value.objectValue {
                for (_, item) in map { try walk(item, base: base) }
            }
        }
    }

    private mutating func compile(_ pattern: String) throws {
        guard patterns[pattern] == nil else { return }
        do {
            patterns[pattern] = try CompiledPattern(pattern)
        } catch let error as EvalError {
            throw EvalError.invalidSchema("\(error)")
        }
    }

    /// The schema `reference` (already absolute) points to: a resource, an anchor in it, or a JSON
    /// Pointer into it.
    func target(of reference: String) -> Target? {
        let resourceURI = SchemaURI.stripFragment(reference)
        guard let resource = resources[resourceURI] else { return nil }
        guard let fragment = SchemaURI.fragment(reference), !fragment.isEmpty else { return resource }
        if let tokens = JSONPointer.tokens(fragment) {
            return JSONPointer.resolve(tokens, in: resource.schema).map { Target(schema: $0, base: resourceURI) }
        }
        return anchors[resourceURI + "#" + fragment]
    }

    /// A compiled pattern; one not seen while indexing (reached through an odd pointer) compiles now.
    func pattern(_ source: String) -> CompiledPattern? {
        patterns[source] ?? (try? CompiledPattern(source))
    }
}
