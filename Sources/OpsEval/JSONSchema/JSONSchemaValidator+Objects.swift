import OpsCore

/// Object keywords: `properties`, `patternProperties`, `additionalProperties`, `required`,
/// `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`, `dependentSchemas`.
extension JSONSchemaValidator {
    func validateObject(_ members: JSONObject, _ schema: JSONObject, at location: Location,
                        into errors: inout [SchemaViolation]) {
        let properties = schema["properties"]?.objectValue
        let patternSchemas = schema["patternProperties"]?.objectValue
        for (key, value) in members {
            var matched = false
            if let sub = properties?[key] {
                matched = true
                validate(value, sub, at: location.child(instance: key, schema: "properties", key), into: &errors)
            }
            for (source, sub) in patternSchemas ?? JSONObject() {
                guard let pattern = index.pattern(source), pattern.matches(key) else { continue }
                matched = true
                validate(value, sub, at: location.child(instance: key, schema: "patternProperties", source), into: &errors)
            }
            if !matched, let additional = schema["additionalProperties"] {
                if case .bool(false) = additional {
                    fail("additionalProperties", "property \"\(key)\" is not allowed", at: location.child(instance: key),
                         into: &errors)
                } else {
                    validate(value, additional, at: location.child(instance: key, schema: "additionalProperties"),
                             into: &errors)
                }
            }
        }
        if let required = schema["required"]?.arrayValue {
            let missing = required.compactMap(\.stringValue).filter { members[$0] == nil }
            if !missing.isEmpty {
                fail("required", "missing required propert\(missing.count == 1 ? "y" : "ies") "
                        + missing.map { "\"\($0)\"" }.joined(separator: ", "), at: location, into: &errors)
            }
        }
        if let names = schema["propertyNames"] {
            for key in members.keys {
                validate(.string(key), names, at: location.child(instance: key, schema: "propertyNames"), into: &errors)
            }
        }
        if let limit = schema["minProperties"]?.numberValue, Double(members.count) < limit {
            fail("minProperties", "object has \(members.count) properties, fewer than \(Int(limit))", at: location,
                 into: &errors)
        }
        if let limit = schema["maxProperties"]?.numberValue, Double(members.count) > limit {
            fail("maxProperties", "object has \(members.count) properties, more than \(Int(limit))", at: location,
                 into: &errors)
        }
        for (key, names) in schema["dependentRequired"]?.objectValue ?? JSONObject() where members[key] != nil {
            let missing = (names.arrayValue ?? []).compactMap(\.stringValue).filter { members[$0] == nil }
            if !missing.isEmpty {
                fail("dependentRequired", "\"\(key)\" requires " + missing.map { "\"\($0)\"" }.joined(separator: ", "),
                     at: location, into: &errors)
            }
        }
        for (key, sub) in schema["dependentSchemas"]?.objectValue ?? JSONObject() where members[key] != nil {
            validate(.object(members), sub, at: location.child(schema: "dependentSchemas", key), into: &errors)
        }
    }
}
