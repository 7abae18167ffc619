import Foundation
import OpsCore
import Yams

/// A YAML document read as a `JSONValue`, keeping the order of mapping keys (prompt files for
/// `llmops prompt push`, whose `config` should read back as it was written).
public enum YAMLDocument {
    /// Parses `text`; a syntax error is an `invalidRequest` with YAML's line and column.
    public static func parse(_ text: String, source: String = "YAML") throws -> JSONValue {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw OpsError.invalid("\(source) is not valid YAML: \(error)".trimmingCharacters(in: .whitespacesAndNewlines),
                                   code: "invalid_yaml")
        }
        guard let root else { throw OpsError.invalid("\(source) is empty", code: "invalid_yaml") }
        return try json(root, path: "")
    }

    static func json(_ node: Node, path: String) throws -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw OpsError.invalid("\(path.isEmpty ? "the document" : path) has a key that is not text", param: path)
                }
                object[name] = try json(value, path: path.isEmpty ? name : "\(path).\(name)")
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(try sequence.enumerated().map { try json($0.element, path: "\(path)[\($0.offset)]") })
        case .scalar:
            switch node.any {
            case let value as Bool: return .bool(value)
            case let value as Int: return .int(Int64(value))
            case let value as Double: return .double(value)
            case is NSNull: return .null
            default: return .string(node.string ?? "")
            }
        case .alias:
            throw OpsError.invalid("\(path): YAML aliases are not supported in prompt files", param: path)
        }
    }
}
