import OpsCore

/// In-place applicators: `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`.
extension JSONSchemaValidator {
    func validateApplicators(_ instance: JSONValue, _ schema: JSONObject, at location: Location,
                             into errors: inout [SchemaViolation]) {
        if let all = schema["allOf"]?.arrayValue {
            for (i, sub) in all.enumerated() {
                validate(instance, sub, at: location.child(schema: "allOf", String(i)), into: &errors)
            }
        }
        if let any = schema["anyOf"]?.arrayValue {
            let valid = any.indices.contains { isValid(instance, any[$0], at: location.child(schema: "anyOf", String($0))) }
            if !valid { fail("anyOf", "value matches none of the \(any.count) schemas", at: location, into: &errors) }
        }
        if let one = schema["oneOf"]?.arrayValue {
            let matching = one.indices.filter { isValid(instance, one[$0], at: location.child(schema: "oneOf", String($0))) }
            if matching.count != 1 {
                let detail = matching.isEmpty ? "none" : "schemas " + matching.map(String.init).joined(separator: ", ")
                fail("oneOf", "value must match exactly one of the \(one.count) schemas, matched \(detail)",
                     at: location, into: &errors)
            }
        }
        if let not = schema["not"], isValid(instance, not, at: location.child(schema: "not")) {
            fail("not", "value must not match the \"not\" schema", at: location, into: &errors)
        }
        if let condition = schema["if"] {
            if isValid(instance, condition, at: location.child(schema: "if")) {
                if let then = schema["then"] { validate(instance, then, at: location.child(schema: "then"), into: &errors) }
            } else if let otherwise = schema["else"] {
                validate(instance, otherwise, at: location.child(schema: "else"), into: &errors)
            }
        }
    }
}
