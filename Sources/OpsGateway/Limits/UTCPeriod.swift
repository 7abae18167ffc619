import Foundation

/// The UTC day and month holding an instant, by arithmetic on days since 1970 (Hinnant's
/// civil-from-days), not `Calendar`: budgets ask for both on every call, and Foundation's
/// calendar costs microseconds each time.
enum UTCPeriod {
    private static let secondsPerDay: Int64 = 86_400

    /// [00:00, 24:00) UTC of the day holding `date`.
    static func day(containing date: Date) -> DateInterval {
        let day = dayNumber(date)
        return DateInterval(start: instant(day: day), end: instant(day: day + 1))
    }

    /// [the 1st 00:00, the next month's 1st 00:00) UTC of the month holding `date`.
    static func month(containing date: Date) -> DateInterval {
        let (year, month, _) = civil(fromDays: dayNumber(date))
        let start = days(year: year, month: month, day: 1)
        let end = month == 12 ? days(year: year + 1, month: 1, day: 1) : days(year: year, month: month + 1, day: 1)
        return DateInterval(start: instant(day: start), end: instant(day: end))
    }

    private static func dayNumber(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(secondsPerDay)).rounded(.down))
    }

    private static func instant(day: Int64) -> Date {
        Date(timeIntervalSince1970: Double(day * secondsPerDay))
    }

    /// Year, month (1…12) and day (1…31) of a day number (0 = 1970-01-01).
    static func civil(fromDays z: Int64) -> (Int64, Int64, Int64) {
        let shifted = z + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day number of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
