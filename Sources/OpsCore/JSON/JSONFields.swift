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

    public func double(_ key: String, in range: ClosedRange<Double>? = nil) throws(OpsError) -> Double? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let d = value.doubleValue else { throw wrongType(key, "a number", value) }
        if let range, !range.contains(d) {
            throw .invalid("\(fieldPath(key)) must be between \(range.lowerBound) and \(range.upperBound), got \(d)",
                           param: fieldPath(key))
        }
        return d
    }

    public func int(_ key: String, min: Int? = nil) throws(OpsError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let i = value.intValue else { throw wrongType(key, "an integer", value) }
        if let min, i < min {
            throw .invalid("\(fieldPath(key)) must be at least \(min), got \(i)", param: fieldPath(key))
        }
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
