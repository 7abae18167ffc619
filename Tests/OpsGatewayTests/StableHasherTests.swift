@testable import OpsGateway
import XCTest

final class StableHasherTests: XCTestCase {
    func testDigestIsFixedAcrossProcesses() {
        var h = StableHasher()
        h.combine("hello")
        // Pinned to a big-integer FNV-1a 128 reference (Python); a change here would invalidate
        // every cache key and move sticky users.
        let pinned = "cd3a0d717ae750f9f4693960c3998415"
        XCTAssertEqual(h.finalize().hex, pinned)
        var again = StableHasher()
        again.combine("hello")
        XCTAssertEqual(again.finalize().hex, pinned)
        XCTAssertEqual(pinned.count, 32)
    }

    func testLengthPrefixSeparatesConcatenations() {
        var a = StableHasher(), b = StableHasher()
        a.combine("ab"); a.combine("c")
        b.combine("a"); b.combine("bc")
        XCTAssertNotEqual(a.finalize(), b.finalize())
    }

    func testNoCollisionsOverManyShortKeys() {
        var seen = Set<StableHasher.Digest>()
        for i in 0..<100_000 {
            var h = StableHasher()
            h.combine("key-\(i)")
            seen.insert(h.finalize())
        }
        XCTAssertEqual(seen.count, 100_000)
    }
}
