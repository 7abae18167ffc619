/// Range checks shared by every reader of untrusted numbers (JSON fields, query text, config), so
/// each says the same thing: the field, the allowed range and what was sent.
public enum NumberRange {
    /// Counts of tokens a client may ask for or report (a million times a large context window; sums
    /// of a few million of them still fit in an `Int`).
    public static let tokens: ClosedRange<Int> = 0...1_000_000_000
    /// Money in USD a client may set or report (limits, budgets, costs).
    public static let usd: ClosedRange<Double> = 0...1_000_000_000
    /// Durations in milliseconds (a year).
    public static let milliseconds: ClosedRange<Double> = 0...31_536_000_000
    /// A row index or item number.
    public static let index: ClosedRange<Int> = 0...100_000_000
    /// Requests or tokens per minute.
    public static let rate: ClosedRange<Int> = 0...1_000_000_000_000
    /// The largest score magnitude (sums and means of millions of scores stay finite and exact enough).
    public static let score: Double = 1e15
    /// A version number.
    public static let version: ClosedRange<Int> = 1...2_000_000_000

    /// A token count an upstream reported, forced into `tokens` (negative counts read as 0).
    public static func clampTokens(_ count: Int) -> Int { min(max(count, tokens.lowerBound), tokens.upperBound) }

    public static func check(_ value: Double, param: String, in range: ClosedRange<Double>) throws(OpsError) {
        guard value.isFinite, range.contains(value) else {
            throw .invalid("\(param) must be between \(describe(range.lowerBound)) and \(describe(range.upperBound)), got \(describe(value))",
                           param: param)
        }
    }

    public static func check(_ value: Int, param: String, in range: ClosedRange<Int>) throws(OpsError) {
        guard range.contains(value) else {
            throw .invalid("\(param) must be between \(range.lowerBound) and \(range.upperBound), got \(value)", param: param)
        }
    }

    /// `3` rather than `3.0`; large values in exponent form.
    public static func describe(_ value: Double) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
