import Foundation

/// Reads an HTTP `Retry-After` value: delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`.
public enum RetryAfter {
    /// The longest wait read: an upstream's header is untrusted text, and a larger value means
    /// "not worth waiting for" as much as this one does.
    public static let longest: Double = 86_400

    /// The wait the value asks for (at most `longest` seconds), or nil when it is neither form. Dates
    /// in the past mean zero.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .milliseconds(Int64((min(seconds, longest) * 1_000).rounded()))
        }
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) {
                let ms = max(0, min(longest, date.timeIntervalSince(now)) * 1_000).rounded()
                return .milliseconds(Int64(ms))
            }
        }
        return nil
    }

    // IMF-fixdate first; RFC 850 and asctime are the obsolete forms RFC 9110 still asks readers to accept.
    private static let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
}
