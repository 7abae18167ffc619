/// Reads dataset files atomically: the whole file parses into items, or nothing is returned and the
/// error names the line (and the field) at fault.
///
/// - JSONL: one JSON object per line, `{"input", "expected_output"?, "metadata"?}`; blank lines are skipped.
/// - CSV (RFC 4180) with a header row. Columns: `input` (a string; a cell starting with `{` or `[`
///   is read as JSON), or `var.NAME` columns that make an input object of variables; `expected_output`
///   (an empty cell means none); `metadata.KEY` columns. Any other column is an error.
public enum DatasetImporter {
    /// The file formats the importer reads.
    public enum Format: String, Sendable, CaseIterable {
        case jsonl
        case csv

        /// The format a file name implies (`.jsonl`/`.ndjson` or `.csv`), or nil.
        public init?(fileName: String) {
            let lower = fileName.lowercased()
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self = .jsonl }
            else if lower.hasSuffix(".csv") { self = .csv }
            else { return nil }
        }
    }

    /// Parses `text` in `format`.
    public static func parse(_ text: String, format: Format) throws(OpsError) -> [DatasetItem] {
        switch format {
        case .jsonl: return try parseJSONL(text)
        case .csv: return try parseCSV(text)
        }
    }

    /// Parses JSONL: one item object per line, blank lines skipped.
    public static func parseJSONL(_ text: String) throws(OpsError) -> [DatasetItem] {
        var items: [DatasetItem] = []
        // Split on bytes: as Characters, "\r\n" is one grapheme and would not split on "\n".
        for (index, rawLine) in Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = rawLine.last == 0x0D ? rawLine.dropLast() : rawLine
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(Array(content))
            } catch {
                throw .invalid("line \(line): not valid JSON: \(error)", param: "line \(line)", code: "invalid_dataset")
            }
            items.append(try item(from: value, line: line))
        }
        return items
    }

    static func item(from value: JSONValue, line: Int) throws(OpsError) -> DatasetItem {
        guard case .object(let object) = value else {
            throw fieldError(line, nil, "must be a JSON object, got \(value.typeDescription)")
        }
        let known = ["input", "expected_output", "metadata"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw fieldError(line, unknown, "is not a dataset field; an item has input, expected_output and metadata")
        }
        guard let input = object["input"], !input.isNull else { throw fieldError(line, "input", "is required") }
        var metadata = JSONObject()
        switch object["metadata"] {
        case nil, .null?: break
        case .object(let m)?: metadata = m
        case let other?: throw fieldError(line, "metadata", "must be an object, got \(other.typeDescription)")
        }
        let item = DatasetItem(input: input, expectedOutput: object["expected_output"].flatMap { $0.isNull ? nil : $0 },
                               metadata: metadata)
        do {
            _ = try item.messages()
        } catch {
            throw .invalid("line \(line): \(error.message)", param: error.param ?? "input", code: "invalid_dataset")
        }
        return item
    }

    static func fieldError(_ line: Int, _ field: String?, _ problem: String) -> OpsError {
        guard let field else { return .invalid("line \(line): the item \(problem)", param: "line \(line)", code: "invalid_dataset") }
        return .invalid("line \(line), field \(field): \(field) \(problem)", param: field, code: "invalid_dataset")
    }
}
