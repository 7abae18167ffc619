import Foundation

/// Untrusted text (a query parameter, a form field, a header, a config value) read as a number or a
/// time inside an explicit range, so a value that would trap later (an overflowing conversion, a date
/// far beyond what the stores keep) is a 400 naming the field now.
public enum CheckedText {
    /// The times the server accepts from outside: 1970-01-01 to 9999-12-31 (what RFC 3339 can write
    /// and what the stores' microsecond columns hold with room to spare).
    public static let dateRange: ClosedRange<Date> =
        Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799)

    /// An integer written in decimal within `range`.
    public static func int(_ text: String, param: String, in range: ClosedRange<Int>) throws(OpsError) -> Int {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Int(trimmed) else {
            throw .invalid("\(param) must be an integer between \(range.lowerBound) and \(range.upperBound), got '\(excerpt(text))'",
                           param: param)
        }
        guard range.contains(value) else {
            throw .invalid("\(param) must be between \(range.lowerBound) and \(range.upperBound), got \(value)", param: param)
        }
        return value
    }

    /// A finite number within `range` (`nan`, `inf` and out-of-range values are refused).
    public static func double(_ text: String, param: String, in range: ClosedRange<Double>) throws(OpsError) -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(trimmed), value.isFinite else {
            throw .invalid("\(param) must be a number between \(NumberRange.describe(range.lowerBound)) and "
                           + "\(NumberRange.describe(range.upperBound)), got '\(excerpt(text))'", param: param)
        }
        try NumberRange.check(value, param: param, in: range)
        return value
    }

    /// An RFC 3339 time (or a plain date) or Unix seconds, within `dateRange`.
    public static func date(_ text: String, param: String) throws(OpsError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parsed: Date?
        if let d = ISO8601Timestamp.parse(trimmed) {
            parsed = d
        } else if let seconds = Double(trimmed), seconds.isFinite {
            parsed = Date(timeIntervalSince1970: seconds)
        } else {
            parsed = nil
        }
        guard let date = parsed else {
            throw .invalid("\(param) must be an RFC 3339 time or Unix seconds, got '\(excerpt(text))'", param: param)
        }
        try check(date, param: param)
        return date
    }

    /// Refuses a time outside `dateRange`.
    public static func check(_ date: Date, param: String) throws(OpsError) {
        guard dateRange.contains(date) else {
            throw .invalid("\(param) must be between 1970-01-01 and 9999-12-31", param: param)
        }
    }

    /// At most 64 characters of what the client sent, for an error message.
    static func excerpt(_ text: String) -> String {
        text.count <= 64 ? text : String(text.prefix(64)) + "…"
    }
}
