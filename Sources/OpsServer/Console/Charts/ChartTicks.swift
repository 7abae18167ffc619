import Foundation
import OpsCore

/// Where axis ticks go: round numbers on the value axis, round clock times on the time axis.
enum ChartTicks {
    /// Ticks from 0 to a round number at or above `maxValue`: steps of 1, 2 or 5 × 10ⁿ, about
    /// `target` of them. Whole-number steps when `integral`.
    static func values(upTo maxValue: Double, target: Int = 4, integral: Bool) -> [Double] {
        let top = maxValue > 0 && maxValue.isFinite ? maxValue : 1
        let raw = top / Double(max(target, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        var step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude
        if integral { step = max(1, step.rounded(.up)) }
        // The small slack keeps 0.003 / 0.001 = 3.0000000000000004 from adding an empty tick.
        let count = Int((top / step - 1e-9).rounded(.up))
        // Multiplying (rather than adding steps up) keeps 0.1 × 3 from drifting to 0.30000000000000004.
        return (0...max(count, 1)).map { (Double($0) * step * 1e9).rounded() / 1e9 }
    }

    /// Clock-aligned (UTC) tick times inside `from...to`, at most `maxTicks` of them.
    static func times(from: Date, to: Date, maxTicks: Int = 7) -> (ticks: [Date], step: TimeInterval) {
        let span = to.timeIntervalSince(from)
        let steps: [TimeInterval] = [60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800]
        let step = steps.first { span / $0 <= Double(maxTicks) } ?? steps[steps.count - 1]
        var t = (from.timeIntervalSince1970 / step).rounded(.up) * step
        var ticks: [Date] = []
        while t <= to.timeIntervalSince1970 {
            ticks.append(Date(timeIntervalSince1970: t))
            t += step
        }
        return (ticks, step)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `14:30` for ticks within a day, `Nov 25` at midnight or when ticks are a day or more apart (UTC).
    static func timeLabel(_ date: Date, step: TimeInterval) -> String {
        let stamp = date.iso8601  // 2026-11-25T14:30:00.000Z
        let clock = String(stamp.dropFirst(11).prefix(5))
        guard step >= 86_400 || clock == "00:00" else { return clock }
        let month = Int(stamp.dropFirst(5).prefix(2)) ?? 1
        let day = Int(stamp.dropFirst(8).prefix(2)) ?? 1
        return "\(months[(month - 1) % 12]) \(day)"
    }
}
