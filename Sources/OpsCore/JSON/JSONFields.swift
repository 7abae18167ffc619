/// Typed reads from a JSON object that fail with a 400 naming the field, e.g.
/// `messages[2].role must be a string, got a number`.
public struct JSONFields: Sendable {
    public let object: JSONObject
    /// The path of this object in the request, e.g. `messages[2]`; empty at the top level.
    public let path: String

    public init(_ value: JSONValue, path: String = "") throws(OpsError) {
        guard case .object(let object) = value else {
            throw .invalid("\(path.isEmpty ? "The request body" : path) must be a JSON object, got \(value.typeDescription)",
                           param: path.isEmpty ? nil : path)
        }
        self.object = object
        self.path = path
    }

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func wrongType(_ key: String, _ expected: String, _ got: JSONValue) -> OpsError {
        .invalid("\(fieldPath(key)) must be \(expected), got \(got.typeDescription)", param: fieldPath(key))
    }

    public func has(_ key: String) -> Bool {
        guard let v = object[key] else { return false }
        return !v.isNull
    }

    public func requiredString(_ key: String) throws(OpsError) -> String {
        guard let value = object[key], !value.isNull else {
            throw .invalid("\(fieldPath(key)) is required", param: fieldPath(key))
        }
        guard let s = value.stringValue else { throw wrongType(key, "a string", value) }
        return s
    }

    public func string(_ key: String) throws(OpsError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw wrongType(key, "a string", value) }
        return s
    }

    /// A finite number within `range`; out of range is a 400 naming the field.
    public func double(_ key: String, in range: ClosedRange<Double>) throws(OpsError) -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let d = value.doubleValue else { throw wrongType(key, "a number", value) }
        try NumberRange.check(d, param: fieldPath(key), in: range)
        return d
    }

    /// An integer within `range`: every integer read from outside has one, so nothing sent can
    /// overflow arithmetic done with it later.
    public func int(_ key: String, in range: ClosedRange<Int>) throws(OpsError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let i = value.intValue else {
            if case .double(let d) = value, d.rounded() == d {
                throw .invalid("\(fieldPath(key)) must be between \(range.lowerBound) and \(range.upperBound), got \(NumberRange.describe(d))",
                               param: fieldPath(key))
            }
            throw wrongType(key, "an integer", value)
        }
        try NumberRange.check(i, param: fieldPath(key), in: range)
        return i
    }

    public func bool(_ key: String) throws(OpsError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let b = value.boolValue else { throw wrongType(key, "a boolean", value) }
        return b
    }

    public func array(_ key: String) throws(OpsError) -> [JSONValue]? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let a = value.arrayValue else { throw wrongType(key, "an array", value) }
        return a
    }

    public func objectValue(_ key: String) throws(OpsError) -> JSONObject? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let o = value.objectValue else { throw wrongType(key, "an object", value) }
        return o
    }
}
