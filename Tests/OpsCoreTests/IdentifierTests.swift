import Foundation
import OpsCore
import XCTest

final class IdentifierTests: XCTestCase {
    func testTraceIDsAreThirtyTwoHexDigitsLedByTheMillisecond() {
        let at = Date(timeIntervalSince1970: 1_790_000_000.123)
        let id = Identifier.traceID(now: at)
        XCTAssertEqual(id.count, 32)
        XCTAssertTrue(id.allSatisfy { $0.isHexDigit && !$0.isUppercase }, id)
        XCTAssertEqual(UInt64(id.prefix(12), radix: 16), 1_790_000_000_123)
    }

    func testLaterTraceIDsSortAfterEarlierOnes() {
        let base = Date(timeIntervalSince1970: 1_790_000_000)
        let ids = (0..<200).map { Identifier.traceID(now: base.addingTimeInterval(Double($0) * 0.002)) }
        XCTAssertEqual(ids, ids.sorted(), "time first, so rows are appended at one end of the index")
        XCTAssertEqual(Set(ids).count, ids.count)
    }

    func testIDsInTheSameMillisecondDifferInTheirRandomPart() {
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        let ids = (0..<10_000).map { _ in Identifier.traceID(now: at) }
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertEqual(Set(ids.map { $0.prefix(12) }).count, 1)
        let spans = (0..<10_000).map { _ in Identifier.spanID() }
        XCTAssertEqual(Set(spans).count, spans.count)
        XCTAssertTrue(spans.allSatisfy { $0.count == 16 })
    }
}
