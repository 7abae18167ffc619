import Foundation

extension DatasetImporter {
    /// How a CSV header column maps into an item.
    enum Column {
        case input
        case variable(String)
        case expectedOutput
        case metadata(String)
    }

    /// Parses CSV with a header row (see the type's documentation for the columns).
    public static func parseCSV(_ text: String) throws(OpsError) -> [DatasetItem] {
        let records = try CSVReader.records(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        guard let header = records.first else { return [] }
        let columns = try self.columns(header)
        var items: [DatasetItem] = []
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                throw .invalid("line \(record.line): \(record.fields.count) fields, but the header has \(columns.count)",
                               param: "line \(record.line)", code: "invalid_dataset")
            }
            var input: JSONValue?
            var variables = JSONObject()
            var expected: JSONValue?
            var metadata = JSONObject()
            for (column, cell) in zip(columns, record.fields) {
                switch column {
                case .input: input = try inputValue(cell, line: record.line)
                case .variable(let name): variables[name] = .string(cell)
                case .expectedOutput: expected = cell.isEmpty ? nil : .string(cell)
                case .metadata(let key): if !cell.isEmpty { metadata[key] = .string(cell) }
                }
            }
            let item = DatasetItem(input: input ?? .object(variables), expectedOutput: expected, metadata: metadata)
            if case .string(let s)? = input, s.isEmpty { throw fieldError(record.line, "input", "is empty") }
            do {
                _ = try item.messages()
            } catch {
                throw .invalid("line \(record.line): \(error.message)", param: error.param ?? "input", code: "invalid_dataset")
            }
            items.append(item)
        }
        return items
    }

    static func columns(_ header: CSVReader.Record) throws(OpsError) -> [Column] {
        var columns: [Column] = []
        var seen: Set<String> = []
        for name in header.fields {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard seen.insert(trimmed).inserted else {
                throw .invalid("line \(header.line): the column '\(trimmed)' appears twice", param: trimmed, code: "invalid_dataset")
            }
            if trimmed == "input" { columns.append(.input) }
            else if trimmed == "expected_output" { columns.append(.expectedOutput) }
            else if trimmed.hasPrefix("var."), trimmed.count > 4 { columns.append(.variable(String(trimmed.dropFirst(4)))) }
            else if trimmed.hasPrefix("metadata."), trimmed.count > 9 { columns.append(.metadata(String(trimmed.dropFirst(9)))) }
            else {
                throw .invalid("line \(header.line): unknown column '\(trimmed)'; use input, var.NAME, expected_output "
                               + "and metadata.KEY", param: trimmed, code: "invalid_dataset")
            }
        }
        let hasInput = columns.contains { if case .input = $0 { return true } else { return false } }
        let hasVariables = columns.contains { if case .variable = $0 { return true } else { return false } }
        guard hasInput != hasVariables else {
            throw .invalid("line \(header.line): " + (hasInput ? "use either an input column or var.NAME columns, not both"
                                                               : "no input column and no var.NAME columns"),
                           param: "input", code: "invalid_dataset")
        }
        return columns
    }

    private static func inputValue(_ cell: String, line: Int) throws(OpsError) -> JSONValue {
        guard let first = cell.first, first == "{" || first == "[" else { return .string(cell) }
        do {
            return try JSONParser.parse(cell)
        } catch {
            throw fieldError(line, "input", "starts like JSON but does not parse: \(error)")
        }
    }
}
