import Foundation
import OpsCore

/// A UTC calendar month, the unit traces are partitioned by on PostgreSQL.
struct TraceMonth: Hashable, Comparable, Sendable {
    /// Months since January of year 0: year * 12 + (month - 1).
    let index: Int

    init(index: Int) { self.index = index }

    init(containing date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        index = (parts.year ?? 1970) * 12 + (parts.month ?? 1) - 1
    }

    /// `traces_p202612` → December 2026; nil for another name (the catch-all).
    init?(partitionName name: String, of table: String) {
        let prefix = table + "_p"
        guard name.hasPrefix(prefix), name.count == prefix.count + 6, let digits = Int(name.dropFirst(prefix.count)) else {
            return nil
        }
        let (year, month) = digits.quotientAndRemainder(dividingBy: 100)
        guard (1...12).contains(month) else { return nil }
        index = year * 12 + month - 1
    }

    var year: Int { index / 12 }
    var month: Int { index % 12 + 1 }

    func adding(_ months: Int) -> TraceMonth { TraceMonth(index: index + months) }

    func partitionName(of table: String) -> String {
        table + "_p" + String(format: "%04d%02d", year, month)
    }

    /// The month's first microsecond, as `created_at` counts (epoch microseconds).
    var startMicros: Int64 { Self.micros(year: year, month: month) }
    /// The next month's first microsecond: the partition's exclusive upper bound.
    var endMicros: Int64 { adding(1).startMicros }

    static func < (a: TraceMonth, b: TraceMonth) -> Bool { a.index < b.index }

    private static func micros(year: Int, month: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: 1)) ?? Date(timeIntervalSince1970: 0)
        return date.epochMicros
    }
}
