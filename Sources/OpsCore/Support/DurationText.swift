/// Durations as people type them on a command line or in an API: `90s`, `15m`, `12h`, `30d`, `2w`.
public enum DurationText {
    /// Seconds, or nil when `text` is not a positive whole number followed by s, m, h, d or w.
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number > 0 else { return nil }
        switch unit {
        case "s": return Double(number)
        case "m": return Double(number) * 60
        case "h": return Double(number) * 3_600
        case "d": return Double(number) * 86_400
        case "w": return Double(number) * 604_800
        default: return nil
        }
    }
}
