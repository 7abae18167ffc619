import Foundation

/// Where time comes from, so tests can fix it.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The system clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

extension Date {
    /// Microseconds since the Unix epoch: how the stores keep time, sortable and exact. Saturates
    /// (about ±146,000 years) instead of trapping on a date no one should have let in.
    public var epochMicros: Int64 {
        let micros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard micros.isFinite else { return micros > 0 ? Self.microsBound : (micros < 0 ? -Self.microsBound : 0) }
        return Int64(max(-Double(Self.microsBound), min(Double(Self.microsBound), micros)))
    }

    private static let microsBound: Int64 = 1 << 62

    public init(epochMicros: Int64) { self.init(timeIntervalSince1970: Double(epochMicros) / 1_000_000) }

    /// RFC 3339 with milliseconds, UTC.
    public var iso8601: String { ISO8601Timestamp.format(self) }
}

/// RFC 3339 formatting and parsing without the cost of a shared `DateFormatter`.
public enum ISO8601Timestamp {
    public static func format(_ date: Date) -> String {
        let micros = date.epochMicros
        var seconds = micros / 1_000_000
        var millis = (micros % 1_000_000) / 1000
        if millis < 0 { millis += 1000; seconds -= 1 }
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// Parses `2026-01-02T03:04:05Z`, with optional fraction and offset, or a plain date `2026-01-02`.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = formatter.date(from: text) { return d }
        formatter.formatOptions = [.withInternetDateTime]
        if let d = formatter.date(from: text) { return d }
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)
    }
}
