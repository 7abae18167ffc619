import OpsCore

/// Array keywords: `prefixItems`, `items`, `contains` with `minContains`/`maxContains`,
/// `minItems`, `maxItems`, `uniqueItems`.
extension JSONSchemaValidator {
    func validateArray(_ items: [JSONValue], _ schema: JSONObject, at location: Location,
                       into errors: inout [SchemaViolation]) {
        let prefix = schema["prefixItems"]?.arrayValue ?? []
        for (i, item) in items.enumerated() {
            if i < prefix.count {
                validate(item, prefix[i], at: location.child(instance: String(i), schema: "prefixItems", String(i)),
                         into: &errors)
            } else if let rest = schema["items"] {
                validate(item, rest, at: location.child(instance: String(i), schema: "items"), into: &errors)
            }
        }
        if let contains = schema["contains"] {
            let matches = items.indices.filter {
                isValid(items[$0], contains, at: location.child(instance: String($0), schema: "contains"))
            }.count
            let minimum = schema["minContains"]?.numberValue ?? 1
            if Double(matches) < minimum {
                fail(schema["minContains"] == nil ? "contains" : "minContains",
                     "\(matches) item(s) match \"contains\", fewer than \(Int(minimum))", at: location, into: &errors)
            }
            if let maximum = schema["maxContains"]?.numberValue, Double(matches) > maximum {
                fail("maxContains", "\(matches) item(s) match \"contains\", more than \(Int(maximum))", at: location,
                     into: &errors)
            }
        }
        if let limit = schema["minItems"]?.numberValue, Double(items.count) < limit {
            fail("minItems", "array has \(items.count) items, fewer than \(Int(limit))", at: location, into: &errors)
        }
        if let limit = schema["maxItems"]?.numberValue, Double(items.count) > limit {
            fail("maxItems", "array has \(items.count) items, more than \(Int(limit))", at: location, into: &errors)
        }
        if schema["uniqueItems"]?.boolValue == true, let (i, j) = firstDuplicate(items) {
            fail("uniqueItems", "items \(i) and \(j) are equal", at: location, into: &errors)
        }
    }

    private func firstDuplicate(_ items: [JSONValue]) -> (Int, Int)? {
        for j in items.indices {
            for i in 0..<j where JSONEquality.equal(items[i], items[j]) { return (i, j) }
        }
        return nil
    }
}
