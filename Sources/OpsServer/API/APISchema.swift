import OpsCore

/// Small builders for the JSON Schemas (OpenAPI 3.0 dialect) of the OpenAPI document.
enum APISchema {
    static let string: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let boolean: JSONValue = ["type": "boolean"]
    /// Any JSON value.
    static let any: JSONValue = [:]
    /// Any JSON object.
    static let anyObject: JSONValue = ["type": "object"]
    /// A timestamp as the API writes it (ISO 8601).
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]

    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }

    /// An object with these properties; others may appear (the API may grow fields).
    static func object(_ properties: KeyValuePairs<String, JSONValue>, required: [String] = []) -> JSONValue {
        var o: JSONObject = ["type": "object", "properties": .object(JSONObject(properties.map { ($0.key, $0.value) }))]
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        return .object(o)
    }

    /// `schema` or null.
    static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case .object(var o) = schema else { return schema }
        o["nullable"] = true
        return .object(o)
    }

    /// A reference to a schema under `components/schemas`.
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A string with one of `values`.
    static func oneOf(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }

    /// The `{"object": "list", "data": [...]}`-style page many list endpoints answer.
    static func list(_ item: JSONValue) -> JSONValue { object(["data": array(item)], required: ["data"]) }

    /// The OpenAI error body every error status carries.
    static let error: JSONValue = object([
        "error": object(["message": string, "type": string, "param": nullable(string), "code": nullable(string)],
                        required: ["message", "type", "param", "code"]),
    ], required: ["error"])
}
