import Foundation

/// Writes a dataset version in the formats `DatasetImporter` reads, so an export imports back.
///
/// - JSONL is lossless: one item object per line.
/// - CSV (RFC 4180, CRLF line ends, a header row) uses `var.NAME` columns when every input is an
///   object of string variables, an `input` column otherwise (strings as they are, other values as
///   compact JSON); `expected_output` when any item has one; `metadata.KEY` for every metadata key.
///   CSV cells are text, so non-string expected outputs and metadata values come back as their JSON text.
public enum DatasetExporter {
    public static func export(_ items: [DatasetItem], format: DatasetImporter.Format) -> String {
        switch format {
        case .jsonl: return items.map { $0.json.serializedString() + "\n" }.joined()
        case .csv: return csv(items)
        }
    }

    public static func csv(_ items: [DatasetItem]) -> String {
        let variableNames = self.variableNames(items)
        let hasExpected = items.contains { $0.expectedOutput != nil }
        var metadataKeys: [String] = []
        for item in items {
            for key in item.metadata.keys where !metadataKeys.contains(key) { metadataKeys.append(key) }
        }
        var header = variableNames.map { $0.map { "var." + $0 } } ?? ["input"]
        if hasExpected { header.append("expected_output") }
        header += metadataKeys.map { "metadata." + $0 }

        var lines = [header.map(quote).joined(separator: ",")]
        for item in items {
            var row: [String]
            if let variableNames {
                row = variableNames.map { item.input[$0].map(cell) ?? "" }
            } else {
                row = [cell(item.input)]
            }
            if hasExpected { row.append(item.expectedOutput.map(cell) ?? "") }
            row += metadataKeys.map { item.metadata[$0].map(cell) ?? "" }
            lines.append(row.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The variable columns when every input is an object of strings without `messages`; nil otherwise.
    static func variableNames(_ items: [DatasetItem]) -> [String]? {
        guard !items.isEmpty else { return nil }
        var names: [String] = []
        for item in items {
            guard case .object(let object) = item.input, object["messages"] == nil, !object.isEmpty,
                  object.allSatisfy({ $0.value.stringValue != nil }) else { return nil }
            for key in object.keys where !names.contains(key) { names.append(key) }
        }
        return names
    }

    static func cell(_ value: JSONValue) -> String {
        if case .string(let s) = value { return s }
        return value.serializedString()
    }

    static func quote(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        guard field.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) || field.hasPrefix(" ")
            || field.hasSuffix(" ") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
