import Foundation
import OpsCore

/// Keywords about the value itself: `type`, `enum`, `const`, numeric bounds, string length, `pattern`.
extension JSONSchemaValidator {
    func validateValueKeywords(_ instance: JSONValue, _ schema: JSONObject, at location: Location,
                               into errors: inout [SchemaViolation]) {
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue].compactMap { $0 }
            let actual = JSONEquality.types(of: instance)
            if !allowed.contains(where: actual.contains) {
                fail("type", "expected \(allowed.joined(separator: " or ")), got \(actual[0])", at: location, into: &errors)
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(where: { JSONEquality.equal($0, instance) }) {
            fail("enum", "value is not one of the \(options.count) allowed values", at: location, into: &errors)
        }
        if let constant = schema["const"], !JSONEquality.equal(constant, instance) {
            fail("const", "value must equal \(constant.serializedString())", at: location, into: &errors)
        }
        if let number = instance.numberValue { validateNumber(number, instance, schema, at: location, into: &errors) }
        if case .string(let text) = instance { validateString(text, schema, at: location, into: &errors) }
    }

    private func validateNumber(_ x: Double, _ instance: JSONValue, _ schema: JSONObject, at location: Location,
                                into errors: inout [SchemaViolation]) {
        if let limit = schema["minimum"]?.numberValue, x < limit {
            fail("minimum", "\(format(instance)) is less than the minimum \(limit)", at: location, into: &errors)
        }
        if let limit = schema["maximum"]?.numberValue, x > limit {
            fail("maximum", "\(format(instance)) is greater than the maximum \(limit)", at: location, into: &errors)
        }
        if let limit = schema["exclusiveMinimum"]?.numberValue, x <= limit {
            fail("exclusiveMinimum", "\(format(instance)) is not greater than \(limit)", at: location, into: &errors)
        }
        if let limit = schema["exclusiveMaximum"]?.numberValue, x >= limit {
            fail("exclusiveMaximum", "\(format(instance)) is not less than \(limit)", at: location, into: &errors)
        }
        if let divisor = schema["multipleOf"], !isMultiple(instance, of: divisor) {
            fail("multipleOf", "\(format(instance)) is not a multiple of \(format(divisor))", at: location, into: &errors)
        }
    }

    private func isMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool {
        if case .int(let a) = value, case .int(let b) = divisor, b != 0 { return a % b == 0 }
        guard let a = value.numberValue, let b = divisor.numberValue, b != 0 else { return false }
        let quotient = a / b
        guard quotient.isFinite else { return false }
        if quotient.rounded() == quotient { return true }
        // 0.0075 / 0.0001 is 74.99999999999999 in binary floating point; accept a quotient that is
        // an integer up to rounding of the operands.
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    private func validateString(_ text: String, _ schema: JSONObject, at location: Location,
                                into errors: inout [SchemaViolation]) {
        let length = text.unicodeScalars.count
        if let limit = schema["minLength"]?.numberValue, Double(length) < limit {
            fail("minLength", "string has \(length) characters, fewer than \(Int(limit))", at: location, into: &errors)
        }
        if let limit = schema["maxLength"]?.numberValue, Double(length) > limit {
            fail("maxLength", "string has \(length) characters, more than \(Int(limit))", at: location, into: &errors)
        }
        if let source = schema["pattern"]?.stringValue {
            if let pattern = index.pattern(source) {
                if !pattern.matches(text) {
                    fail("pattern", "string does not match /\(source)/", at: location, into: &errors)
                }
            } else {
                fail("pattern", "the pattern /\(source)/ is not a valid regular expression", at: location, into: &errors)
            }
        }
    }

    private func format(_ value: JSONValue) -> String { value.serializedString() }
}

extension JSONValue {
    /// The numeric value of an `int` or `double`; nil for everything else (booleans included).
    var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
