import Foundation

/// How a chart labels its values: plain counts, durations or money.
public enum ChartValueFormat: Sendable, Hashable {
    /// Whole numbers: `0`, `12`, `1.5k`, `2M`.
    case count
    /// Milliseconds: `250 ms`, `1.2 s`.
    case milliseconds
    /// US dollars with as many decimals as small amounts need: `$0.0004`, `$1.25`.
    case dollars

    /// Counts only take whole-number ticks.
    var isIntegral: Bool { self == .count }

    /// `value` as a short label.
    public func label(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        switch self {
        case .count: return Self.compact(value)
        case .milliseconds: return value >= 1000 ? Self.trimmed(value / 1000, decimals: 2) + " s" : Self.trimmed(value, decimals: 1) + " ms"
        case .dollars: return Self.dollars(value)
        }
    }

    /// `1234` → `1.2k`, `2500000` → `2.5M`, small numbers as they are.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return trimmed(value / 1_000_000, decimals: 1) + "M" }
        if magnitude >= 1_000 { return trimmed(value / 1_000, decimals: 1) + "k" }
        return trimmed(value, decimals: 2)
    }

    /// Dollars with two significant digits below a cent.
    static func dollars(_ value: Double) -> String {
        if value == 0 { return "$0" }
        if abs(value) >= 0.01 { return "$" + trimmed(value, decimals: abs(value) >= 100 ? 0 : 2) }
        let decimals = min(10, Int(-log10(abs(value)).rounded(.down)) + 2)
        return "$" + trimmed(value, decimals: decimals)
    }

    /// Fixed decimals with trailing zeros (and a trailing point) removed.
    static func trimmed(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
