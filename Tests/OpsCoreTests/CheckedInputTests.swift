import Foundation
import XCTest
@testable import OpsCore

/// The readers of untrusted numbers refuse what would trap later and name the field; values that
/// arrive unchecked from elsewhere (an upstream's usage, a stored time) are clamped, not trapped on.
final class CheckedInputTests: XCTestCase {
    func testTextIntegersOutsideTheirRangeAreRefusedWithTheField() throws {
        XCTAssertEqual(try CheckedText.int(" 42 ", param: "limit", in: 1...1000), 42)
        for text in ["0", "1001", "9223372036854775808", "-9223372036854775809", "1e3", "", "x", "nan"] {
            XCTAssertThrowsError(try CheckedText.int(text, param: "limit", in: 1...1000), text) { error in
                XCTAssertEqual((error as? OpsError)?.param, "limit")
                XCTAssertEqual((error as? OpsError)?.kind, .invalidRequest)
            }
        }
    }

    func testTimesOutsideWhatTheStoresKeepAreRefused() throws {
        XCTAssertEqual(try CheckedText.date("0", param: "from"), Date(timeIntervalSince1970: 0))
        XCTAssertEqual(try CheckedText.date("2026-12-07T10:00:00Z", param: "from").iso8601, "2026-12-07T10:00:00.000Z")
        for text in ["1e300", "-1e300", "nan", "inf", "-1", "253402300800", "1e20", "not a time"] {
            XCTAssertThrowsError(try CheckedText.date(text, param: "to"), text) { error in
                XCTAssertEqual((error as? OpsError)?.param, "to")
            }
        }
    }

    func testJSONIntegersAndDoublesNeedARange() throws {
        let fields = try JSONFields(try JSONParser.parse(Array(#"{"a": 9223372036854775807, "b": 1e300, "c": 3, "d": 1e400}"#.utf8)))
        XCTAssertThrowsError(try fields.int("a", in: 0...100)) { XCTAssertEqual(($0 as? OpsError)?.param, "a") }
        XCTAssertThrowsError(try fields.int("b", in: 0...100)) { XCTAssertEqual(($0 as? OpsError)?.param, "b") }
        XCTAssertEqual(try fields.int("c", in: 0...100), 3)
        XCTAssertThrowsError(try fields.double("d", in: 0...100)) { XCTAssertEqual(($0 as? OpsError)?.param, "d") }
    }

    func testUpstreamTokenCountsAreClamped() {
        let usage = Usage(promptTokens: Int.max, completionTokens: -5)
        XCTAssertEqual(usage.promptTokens, NumberRange.tokens.upperBound)
        XCTAssertEqual(usage.completionTokens, 0)
        XCTAssertEqual(usage.totalTokens, NumberRange.tokens.upperBound, "the total cannot overflow")
    }

    func testEpochMicrosSaturatesInsteadOfTrapping() {
        XCTAssertEqual(Date(timeIntervalSince1970: 1e300).epochMicros, 1 << 62)
        XCTAssertEqual(Date(timeIntervalSince1970: -1e300).epochMicros, -(1 << 62))
        XCTAssertEqual(Date(timeIntervalSince1970: 1.5).epochMicros, 1_500_000)
    }

    func testDurationsLongerThanACenturyAreRefused() {
        XCTAssertEqual(DurationText.seconds("2w"), 1_209_600)
        XCTAssertNil(DurationText.seconds("9223372036854775807w"))
        XCTAssertNil(DurationText.seconds("5300w"))
    }
}
