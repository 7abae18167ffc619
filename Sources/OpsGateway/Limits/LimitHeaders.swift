/// The `x-ratelimit-*` response headers, named and formatted as OpenAI sends them.
public struct LimitHeaders: Sendable, Hashable {
    public var limitRequests: Int?
    public var remainingRequests: Int?
    /// Seconds until the request allowance is whole again.
    public var resetRequests: Double?
    public var limitTokens: Int?
    public var remainingTokens: Int?
    public var resetTokens: Double?

    public init() {}

    /// Name–value pairs, only for the limits that apply.
    public var fields: [(name: String, value: String)] {
        var out: [(String, String)] = []
        if let limitRequests, let remainingRequests, let resetRequests {
            out.append(("x-ratelimit-limit-requests", String(limitRequests)))
            out.append(("x-ratelimit-remaining-requests", String(remainingRequests)))
            out.append(("x-ratelimit-reset-requests", Self.duration(resetRequests)))
        }
        if let limitTokens, let remainingTokens, let resetTokens {
            out.append(("x-ratelimit-limit-tokens", String(limitTokens)))
            out.append(("x-ratelimit-remaining-tokens", String(remainingTokens)))
            out.append(("x-ratelimit-reset-tokens", Self.duration(resetTokens)))
        }
        return out
    }

    /// OpenAI's duration style: `20ms`, `1s`, `1.5s`, `6m0s`, `1h2m3s` (rounded up to the millisecond).
    public static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1_000).rounded(.up)))ms" }
        let millis = Int((seconds * 1_000).rounded(.up))
        let hours = millis / 3_600_000, minutes = (millis % 3_600_000) / 60_000, rest = millis % 60_000
        var secondsText = String(rest / 1_000)
        if rest % 1_000 != 0 {
            var fraction = String(rest % 1_000)
            fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            secondsText += "." + fraction
        }
        if hours > 0 { return "\(hours)h\(minutes)m\(secondsText)s" }
        if minutes > 0 { return "\(minutes)m\(secondsText)s" }
        return "\(secondsText)s"
    }

    /// Every name `fields` can hold, for callers that turn them into typed header names once.
    public static let fieldNames = ["x-ratelimit-limit-requests", "x-ratelimit-remaining-requests", "x-ratelimit-reset-requests",
                                    "x-ratelimit-limit-tokens", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-tokens"]
}
