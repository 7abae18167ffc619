/// An RFC 4180 CSV reader: fields separated by commas, records by CRLF or LF, fields in double quotes
/// may hold commas, line breaks and `""` for a quote. Each record keeps the line it starts on, so
/// errors point at the file as an editor shows it.
public enum CSVReader {
    /// One record and the 1-based line it starts on.
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    /// Splits `text` into records; a quote in an unquoted field, text after a closing quote or an
    /// unterminated quote fails naming the line. Blank lines are skipped.
    public static func records(_ text: String) throws(OpsError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false, afterQuote = false
        let bytes = Array(text.utf8)
        var i = 0

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll()
        }

        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(b); i += 2; continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if b == 0x0A { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case UInt8(ascii: ","):
                endField()
            case 0x0D where i + 1 < bytes.count && bytes[i + 1] == 0x0A:
                i += 1
                fallthrough
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else {
                    throw .invalid("line \(line): a quote inside an unquoted field; quote the whole field and double "
                                   + "the quote (\"\"\"\")", param: "line \(line)", code: "invalid_csv")
                }
                inQuotes = true
                wasQuoted = true
            default:
                if afterQuote {
                    throw .invalid("line \(line): text after a closing quote; a quoted field must end at a comma or "
                                   + "the end of the line", param: "line \(line)", code: "invalid_csv")
                }
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw .invalid("line \(recordLine): a quoted field is never closed", param: "line \(recordLine)",
                           code: "invalid_csv")
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}
