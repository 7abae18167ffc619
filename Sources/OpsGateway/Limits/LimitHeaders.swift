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

    /// OpenAI's duration style: `20ms`, `1s`, `1.5s`, `6m0s`, `1h2m3s`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1_000).rounded(.up)))ms" }
        let total = (seconds * 1_000).rounded(.up) / 1_000
        let hours = Int(total) / 3_600, minutes = (Int(total) % 3_600) / 60
        let rest = total - Double(hours * 3_600 + minutes * 60)
        var secondsText = String(format: "%.3f", rest)
        while secondsText.hasSuffix("0") { secondsText.removeLast() }
        if secondsText.hasSuffix(".") { secondsText.removeLast() }
        if hours > 0 { return "\(hours)h\(minutes)m\(secondsText)s" }
        if minutes > 0 { return "\(minutes)m\(secondsText)s" }
        return "\(secondsText)s"
    }
}
