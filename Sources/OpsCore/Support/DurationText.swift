/// Durations as people type them on a command line or in an API: `90s`, `15m`, `12h`, `30d`, `2w`.
public enum DurationText {
    /// The longest duration accepted: 100 years.
    public static let longest: Double = 3_153_600_000

    /// Seconds, or nil when `text` is not a positive whole number followed by s, m, h, d or w, or is
    /// longer than `longest`.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number > 0 else { return nil }
        let seconds: Double
        switch unit {
        case "s": seconds = Double(number)
        case "m": seconds = Double(number) * 60
        case "h": seconds = Double(number) * 3_600
        case "d": seconds = Double(number) * 86_400
        case "w": seconds = Double(number) * 604_800
        default: return nil
        }
        return seconds <= longest ? seconds : nil
    }
}
