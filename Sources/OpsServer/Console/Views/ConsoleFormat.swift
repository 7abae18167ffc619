import Foundation
import OpsCore

/// How console pages write numbers, durations, money and times.
enum ConsoleFormat {
    /// `1234567` → `1,234,567`.
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `—` for a missing duration, otherwise `812 ms` or `1.42 s`.
    static func duration(_ ms: Double?) -> String {
        guard let ms, ms.isFinite else { return "—" }
        return abs(ms) >= 1000 ? ChartValueFormat.trimmed(ms / 1000, decimals: 2) + " s" : "\(Int(ms.rounded())) ms"
    }

    /// `—` for an unknown cost, otherwise dollars with enough decimals to show small amounts.
    static func cost(_ usd: Double?) -> String {
        guard let usd, usd.isFinite else { return "—" }
        return ChartValueFormat.dollars(usd)
    }

    /// `2026-11-25 14:03:07 UTC`.
    static func time(_ date: Date) -> String {
        let stamp = date.iso8601
        return String(stamp.prefix(10)) + " " + String(stamp.dropFirst(11).prefix(8)) + " UTC"
    }

    /// `value` percent-encoded for a URL query: everything but letters, digits and `-._~`.
    static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryValueAllowed) ?? ""
    }

    private static let queryValueAllowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// A percentage with one decimal: `2.5%`.
    static func percent(_ fraction: Double) -> String {
        ChartValueFormat.trimmed(fraction * 100, decimals: 1) + "%"
    }
}
