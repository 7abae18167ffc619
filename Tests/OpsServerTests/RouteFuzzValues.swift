/// The extreme and malformed values `RouteFuzzTests` sends to every route: numbers past every
/// range Swift can hold, NaN and infinities, empty and huge strings, wrong JSON types, invalid
/// UTF-8, lone surrogates and deep nesting.
enum RouteFuzzValues {
    /// Values for query and path parameters, already percent-encoded.
    static let url: [String] = [
        "1e300", "-1e300", "1e-400", "nan", "NaN", "inf", "-inf", "Infinity", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999", "-1", "0", "-0", "1.5", "0x10", "", "%20", "%00", "%FF%FE", "%C0%AF",
        "%EF%BC%91", "%F0%9F%98%80", "..%2F..%2Fetc%2Fpasswd", "'%3B%20DROP%20TABLE%20traces%3B--", "2026-13-45T99%3A99%3A99Z",
        "%7B%7Bx%7D%7D", String(repeating: "a", count: 8192),
    ]

    /// Values for JSON fields, as raw JSON text (some are not JSON at all).
    static let json: [[UInt8]] = {
        var values: [[UInt8]] = [
            "1e300", "-1e300", "1e999", "-1e999", "NaN", "Infinity", "-Infinity", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "99999999999999999999", "-1", "0", "0.5", "-0.0", "5e-324", "1.7976931348623157e308",
            "true", "null", "[]", "{}", "\"\"", "\"1e300\"", "\"-1\"", "\"9223372036854775808\"", "\"\\uD800\"",
            "[1e300]", "{\"a\": -1e300}", "[\"x\", 1, null]", "\"\(String(repeating: "x", count: 100_000))\"",
        ].map { Array($0.utf8) }
        values.append([UInt8(ascii: "\""), 0xFF, 0xFE, UInt8(ascii: "\"")])
        values.append(Array((String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).utf8))
        return values
    }()

    /// Whole bodies that are not the object a route expects.
    static let bodies: [[UInt8]] = [
        "", "null", "[]", "1e999", "\"text\"", "{", "{\"a\":", "{\"a\": 1,}", "{\"a\": NaN}",
        String(repeating: "{\"a\":", count: 5000) + "1" + String(repeating: "}", count: 5000),
    ].map { Array($0.utf8) } + [[0xFF, 0xFE, 0x00, 0x7B]]

    /// Query parameters every route gets besides the ones it documents (those controllers read).
    static let commonQuery = ["limit", "from", "to", "cursor", "alpha", "item", "version", "format", "label"]
}
