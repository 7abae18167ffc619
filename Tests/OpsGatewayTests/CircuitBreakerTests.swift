import OpsCore
@testable import OpsGateway
import XCTest

final class CircuitBreakerTests: XCTestCase {
    private let clock = ManualMonotonicClock()
    private lazy var breaker = CircuitBreaker(
        settings: .init(failureThreshold: 3, window: .seconds(10), coolDown: .seconds(30)), clock: clock)

    private func fail(_ times: Int) {
        for _ in 0..<times {
            XCTAssertTrue(breaker.acquire())
            breaker.recordFailure()
        }
    }

    func testOpensAfterThresholdFailuresWithinTheWindow() {
        fail(2)
        XCTAssertEqual(breaker.state, .closed)
        fail(1)
        XCTAssertEqual(breaker.state, .open)
        XCTAssertFalse(breaker.acquire())
        XCTAssertTrue(breaker.isRejecting)
        XCTAssertEqual(breaker.openCount, 1)
    }

    func testFailuresOutsideTheWindowDoNotCount() {
        fail(2)
        clock.advance(by: .seconds(11))
        fail(2)
        XCTAssertEqual(breaker.state, .closed)
        fail(1)
        XCTAssertEqual(breaker.state, .open)
    }

    func testHalfOpensAfterCoolDownAndClosesOnProbeSuccess() {
        fail(3)
        clock.advance(by: .seconds(29))
        XCTAssertFalse(breaker.acquire())
        clock.advance(by: .seconds(1))
        XCTAssertEqual(breaker.state, .halfOpen)
        XCTAssertFalse(breaker.isRejecting)
        XCTAssertTrue(breaker.acquire())
        breaker.recordSuccess()
        XCTAssertEqual(breaker.state, .closed)
        fail(2)
        XCTAssertEqual(breaker.state, .closed, "the failure count starts over after closing")
    }

    func testProbeFailureReopensForAnotherCoolDown() {
        fail(3)
        clock.advance(by: .seconds(30))
        XCTAssertTrue(breaker.acquire())
        breaker.recordFailure()
        XCTAssertEqual(breaker.state, .open)
        XCTAssertEqual(breaker.openCount, 2)
        clock.advance(by: .seconds(29))
        XCTAssertFalse(breaker.acquire())
    }

    func testHalfOpenAdmitsExactlyOneOfManyConcurrentProbes() async {
        fail(3)
        clock.advance(by: .seconds(30))
        let breaker = self.breaker
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 { group.addTask { breaker.acquire() } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        XCTAssertEqual(admitted, 1)
        XCTAssertTrue(breaker.isRejecting, "the probe is out")
        breaker.recordNeutral()
        XCTAssertTrue(breaker.acquire(), "a cancelled probe frees the slot")
    }

    func testRegistryKeepsOneBreakerPerDeploymentAndSnapshots() {
        let breakers = CircuitBreakers(settings: .init(failureThreshold: 1), clock: clock)
        XCTAssertFalse(breakers.isRejecting("a"))
        XCTAssertTrue(breakers.breaker(for: "a") === breakers.breaker(for: "a"))
        _ = breakers.breaker(for: "a").acquire()
        breakers.breaker(for: "a").recordFailure()
        _ = breakers.breaker(for: "b")
        XCTAssertTrue(breakers.isRejecting("a"))
        XCTAssertEqual(breakers.snapshot().map(\.deployment), ["a", "b"])
        XCTAssertEqual(breakers.snapshot().map(\.state), [.open, .closed])
    }
}
