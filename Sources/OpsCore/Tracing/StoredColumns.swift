/// Reads back the trace columns every store keeps as text or nullable numbers: status, JSON
/// documents, tags and token counts. Errors name the column and the row; each store wraps them
/// in its own error type (as corrupt data).
public enum StoredColumns {
    /// A stored value that does not decode.
    public struct Corrupt: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Usage from the two token columns; nil when both are empty.
    public static func usage(_ prompt: Int?, _ completion: Int?) -> Usage? {
        guard prompt != nil || completion != nil else { return nil }
        return Usage(promptTokens: prompt ?? 0, completionTokens: completion ?? 0)
    }

    public static func status(_ text: String, of owner: String) throws(Corrupt) -> TraceStatus {
        guard let status = TraceStatus(rawValue: text) else {
            throw Corrupt(description: "status of \(owner) is '\(text)', not ok or error")
        }
        return status
    }

    public static func json(_ text: String, column: String, of id: String) throws(Corrupt) -> JSONValue {
        do {
            return try JSONParser.parse(text)
        } catch {
            throw Corrupt(description: "\(column) of \(id) is not valid JSON: \(error)")
        }
    }

    public static func object(_ text: String, column: String, of id: String) throws(Corrupt) -> JSONObject {
        guard let object = try json(text, column: column, of: id).objectValue else {
            throw Corrupt(description: "\(column) of \(id) is not a JSON object")
        }
        return object
    }

    public static func tags(_ text: String, of id: String) throws(Corrupt) -> [String] {
        guard let array = try json(text, column: "traces.tags", of: id).arrayValue else {
            throw Corrupt(description: "traces.tags of \(id) is not a JSON array")
        }
        return array.compactMap(\.stringValue)
    }
}
