import OpsCore
@testable import OpsGateway
import XCTest

final class ExactCacheTests: XCTestCase {
    private let clock = ManualMonotonicClock()

    private func key(_ i: Int) -> ExactCacheKey { ExactCacheKey(project: "p", request: ChatRequest(model: "m", messages: [.user("q\(i)")])) }

    func testEntriesExpireAfterTheirTTL() {
        let cache = ExactCache<String>(clock: clock)
        cache.insert("a", for: key(1), bytes: 1, ttl: .seconds(60))
        clock.advance(by: .seconds(59))
        XCTAssertEqual(cache.value(for: key(1)), "a")
        clock.advance(by: .seconds(1))
        XCTAssertNil(cache.value(for: key(1)))
        XCTAssertEqual(cache.statistics.expirations, 1)
        XCTAssertEqual(cache.count, 0)
        XCTAssertEqual(cache.bytes, 0)
    }

    func testLeastRecentlyUsedGoesFirstWhenFull() {
        let cache = ExactCache<Int>(maxEntries: 3, clock: clock)
        for i in 1...3 { cache.insert(i, for: key(i), bytes: 1, ttl: .seconds(60)) }
        XCTAssertEqual(cache.value(for: key(1)), 1)
        cache.insert(4, for: key(4), bytes: 1, ttl: .seconds(60))
        XCTAssertNil(cache.value(for: key(2)), "2 was the least recently used")
        XCTAssertEqual([1, 3, 4].map { cache.value(for: key($0)) }, [1, 3, 4])
        XCTAssertEqual(cache.count, 3)
        XCTAssertEqual(cache.statistics, .init(hits: 4, misses: 1, evictions: 1, expirations: 0))
    }

    func testByteBudgetEvictsAsManyAsNeeded() {
        let cache = ExactCache<Int>(maxEntries: 100, maxBytes: 100, clock: clock)
        for i in 1...5 { cache.insert(i, for: key(i), bytes: 20, ttl: .seconds(60)) }
        cache.insert(6, for: key(6), bytes: 50, ttl: .seconds(60))
        XCTAssertEqual(cache.bytes, 90)
        XCTAssertEqual((1...6).compactMap { cache.value(for: key($0)) }, [4, 5, 6])
        cache.insert(7, for: key(7), bytes: 101, ttl: .seconds(60))
        XCTAssertNil(cache.value(for: key(7)), "larger than the whole budget")
        XCTAssertEqual(cache.bytes, 90)
    }

    func testReplacingAKeyKeepsTheAccountsRight() {
        let cache = ExactCache<Int>(clock: clock)
        cache.insert(1, for: key(1), bytes: 10, ttl: .seconds(60))
        cache.insert(2, for: key(1), bytes: 30, ttl: .seconds(60))
        XCTAssertEqual(cache.value(for: key(1)), 2)
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(cache.bytes, 30)
        cache.removeValue(for: key(1))
        XCTAssertEqual(cache.bytes, 0)
    }

    func testSlotsAreReusedUnderChurnAndConcurrency() async {
        let cache = ExactCache<Int>(maxEntries: 64, clock: clock)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for i in 0..<5_000 {
                        let k = self.key(worker * 10_000 + i % 200)
                        if cache.value(for: k) == nil { cache.insert(i, for: k, bytes: 8, ttl: .seconds(5)) }
                    }
                }
            }
        }
        XCTAssertLessThanOrEqual(cache.count, 64)
        XCTAssertEqual(cache.bytes, cache.count * 8)
    }
}
