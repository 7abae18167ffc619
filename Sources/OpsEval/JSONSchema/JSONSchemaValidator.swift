import OpsCore

/// Applies a schema to an instance, keyword by keyword, collecting violations.
/// The keyword groups live in extensions (`+Values`, `+Objects`, `+Arrays`, `+Applicators`).
struct JSONSchemaValidator {
    let index: SchemaIndex
    static let maxReferenceDepth = 256

    /// Where validation stands: in the instance, in the schema, the base URI, and how many `$ref`s
    /// deep (a cycle that never consumes the instance stops at `maxReferenceDepth`).
    struct Location {
        var instance: [String] = []
        var schema: [String] = []
        var base: String
        var refDepth = 0

        init(base: String) { self.base = base }

        func child(instance token: String? = nil, schema tokens: String...) -> Location {
            var next = self
            if let token {
                next.instance.append(token)
                next.refDepth = 0
            }
            next.schema.append(contentsOf: tokens)
            return next
        }

        var instancePointer: String { JSONPointer.string(instance) }
    }

    func fail(_ keyword: String, _ message: String, at location: Location, into errors: inout [SchemaViolation]) {
        errors.append(SchemaViolation(instancePath: location.instancePointer, keyword: keyword,
                                      schemaPath: JSONPointer.string(location.schema + [keyword]), message: message))
    }

    /// Validates `instance` against `schema`, appending violations to `errors`.
    func validate(_ instance: JSONValue, _ schema: JSONValue, at location: Location, into errors: inout [SchemaViolation]) {
        switch schema {
        case .bool(true):
            return
        case .bool(false):
            errors.append(SchemaViolation(instancePath: location.instancePointer, keyword: "false",
                                          schemaPath: JSONPointer.string(location.schema),
                                          message: "the schema false accepts no value"))
            return
        case .object(let object):
            var location = location
            if let id = object["$id"]?.stringValue {
                location.base = SchemaURI.stripFragment(SchemaURI.resolve(id, against: location.base))
            }
            validateReference(instance, object, at: location, into: &errors)
            validateValueKeywords(instance, object, at: location, into: &errors)
            validateApplicators(instance, object, at: location, into: &errors)
            switch instance {
            case .object(let members): validateObject(members, object, at: location, into: &errors)
            case .array(let items): validateArray(items, object, at: location, into: &errors)
            default: break
            }
        default:
            fail("type", "schema is \(schema.typeDescription), not an object or a boolean", at: location, into: &errors)
        }
    }

    /// True when `instance` satisfies `schema` (violations discarded).
    func isValid(_ instance: JSONValue, _ schema: JSONValue, at location: Location) -> Bool {
        var scratch: [SchemaViolation] = []
        validate(instance, schema, at: location, into: &scratch)
        return scratch.isEmpty
    }

    private func validateReference(_ instance: JSONValue, _ schema: JSONObject, at location: Location,
                                   into errors: inout [SchemaViolation]) {
        guard let ref = schema["$ref"]?.stringValue else { return }
        let absolute = SchemaURI.resolve(ref, against: location.base)
        guard let target = index.target(of: absolute) else {
            fail("$ref", "cannot resolve \(ref) (as \(absolute)) within this document", at: location, into: &errors)
            return
        }
        guard location.refDepth < Self.maxReferenceDepth else {
            fail("$ref", "\(ref) recurses more than \(Self.maxReferenceDepth) times without progress", at: location, into: &errors)
            return
        }
        var next = location.child(schema: "$ref")
        next.base = target.base
        next.refDepth += 1
        validate(instance, target.schema, at: next, into: &errors)
    }
}
