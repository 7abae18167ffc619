import Foundation
@testable import OpsGateway
import XCTest

final class UTCPeriodTests: XCTestCase {
    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Every 7 hours 13 minutes over 1960–2110 (leap years, centuries, before 1970) against Foundation.
    func testDaysAndMonthsMatchTheGregorianCalendar() {
        var t = -315_619_200.0
        while t < 4_417_977_600 {
            let date = Date(timeIntervalSince1970: t)
            XCTAssertEqual(UTCPeriod.day(containing: date), calendar.dateInterval(of: .day, for: date), "\(date)")
            XCTAssertEqual(UTCPeriod.month(containing: date), calendar.dateInterval(of: .month, for: date), "\(date)")
            t += 25_980
        }
    }

    func testBoundariesBelongToThePeriodTheyStart() {
        let midnight = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01T00:00:00Z
        XCTAssertEqual(UTCPeriod.day(containing: midnight).start, midnight)
        XCTAssertEqual(UTCPeriod.month(containing: midnight).start, midnight)
        let justBefore = midnight.addingTimeInterval(-0.000_001)
        XCTAssertEqual(UTCPeriod.month(containing: justBefore).end, midnight)
        XCTAssertEqual(UTCPeriod.month(containing: justBefore).start, Date(timeIntervalSince1970: 1_796_083_200)) // 2026-12-01
        let leap = Date(timeIntervalSince1970: 1_709_164_800)  // 2024-02-29T00:00:00Z
        XCTAssertEqual(UTCPeriod.month(containing: leap).duration, 29 * 86_400)
    }
}
