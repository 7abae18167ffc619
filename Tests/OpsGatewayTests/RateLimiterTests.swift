import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class RateLimiterTests: XCTestCase {
    private let clock = ManualWallClock(Date(timeIntervalSince1970: 1_790_000_000))
    private lazy var limiter = RateLimiter(store: InMemoryLimitStore(), clock: clock)
    private let key = RateLimiter.Rule(scope: .key("k1"), requestsPerMinute: 60, tokensPerMinute: 1_000)

    func testAllowsTheLimitInABurstThenRefusesWithTheResetTime() async throws {
        for i in 0..<60 {
            let decision = try await limiter.acquire([key], tokens: 10)
            XCTAssertTrue(decision.allowed, "request \(i)")
            XCTAssertEqual(decision.headers.remainingRequests, 59 - i)
        }
        let refused = try await limiter.acquire([key], tokens: 10)
        XCTAssertEqual(refused.hit?.dimension, .requestsPerMinute)
        XCTAssertEqual(refused.hit?.scope, .key("k1"))
        XCTAssertEqual(refused.hit!.resetsAt.timeIntervalSince(clock.now()), 1, accuracy: 1e-6, "one request drips back per second")
        XCTAssertEqual(refused.headers.remainingRequests, 0)
        let error = refused.hit!.error(now: clock.now())
        XCTAssertEqual(error.kind, .rateLimited)
        XCTAssertEqual(error.code, "rate_limit_exceeded")
        XCTAssertTrue(error.message.contains("requests per minute on key k1: limit 60"), error.message)
        clock.advance(seconds: 1)
        let allowedAgain = try await limiter.acquire([key], tokens: 10)
        XCTAssertTrue(allowedAgain.allowed)
    }

    func testHeadersUseOpenAINamesAndFormats() async throws {
        let decision = try await limiter.acquire([key], tokens: 250)
        let fields = Dictionary(uniqueKeysWithValues: decision.headers.fields.map { ($0.name, $0.value) })
        XCTAssertEqual(fields["x-ratelimit-limit-requests"], "60")
        XCTAssertEqual(fields["x-ratelimit-remaining-requests"], "59")
        XCTAssertEqual(fields["x-ratelimit-reset-requests"], "1s")
        XCTAssertEqual(fields["x-ratelimit-limit-tokens"], "1000")
        XCTAssertEqual(fields["x-ratelimit-remaining-tokens"], "750")
        XCTAssertEqual(fields["x-ratelimit-reset-tokens"], "15s")
        XCTAssertEqual(LimitHeaders.duration(0.0203), "21ms")
        XCTAssertEqual(LimitHeaders.duration(1.5), "1.5s")
        XCTAssertEqual(LimitHeaders.duration(360), "6m0s")
        XCTAssertEqual(LimitHeaders.duration(3_723), "1h2m3s")
        XCTAssertEqual(LimitHeaders.duration(59.9991), "1m0s", "rounded up to the millisecond")
        XCTAssertEqual(LimitHeaders.duration(61.05), "1m1.05s")
        XCTAssertEqual(LimitHeaders.duration(1.0004), "1.001s")
        XCTAssertEqual(LimitHeaders.duration(7_200.25), "2h0m0.25s")
    }

    func testTokenLimitRefusesWithoutSpendingTheRequestAllowance() async throws {
        let first = try await limiter.acquire([key], tokens: 900)
        XCTAssertTrue(first.allowed)
        let second = try await limiter.acquire([key], tokens: 200)
        XCTAssertEqual(second.hit?.dimension, .tokensPerMinute)
        XCTAssertEqual(second.hit!.resetsAt.timeIntervalSince(clock.now()), 6, accuracy: 1e-6)
        let third = try await limiter.acquire([key], tokens: 100)
        XCTAssertEqual(third.headers.remainingRequests, 58, "the refused request was not counted")
    }

    func testEveryScopeMustAllowAndTheTightestShowsInHeaders() async throws {
        let project = RateLimiter.Rule(scope: .project("p"), requestsPerMinute: 2)
        let route = RateLimiter.Rule(scope: .route("chat"), requestsPerMinute: 1_000)
        let a = try await limiter.acquire([key, project, route], tokens: 1)
        XCTAssertEqual(a.headers.limitRequests, 2)
        XCTAssertEqual(a.headers.remainingRequests, 1)
        _ = try await limiter.acquire([key, project, route], tokens: 1)
        let refused = try await limiter.acquire([key, project, route], tokens: 1)
        XCTAssertEqual(refused.hit?.scope, .project("p"))
        let otherProject = try await limiter.acquire([RateLimiter.Rule(scope: .key("k2"), requestsPerMinute: 60),
                                                      RateLimiter.Rule(scope: .project("q"), requestsPerMinute: 2)], tokens: 1)
        XCTAssertTrue(otherProject.allowed, "limits are per scope")
    }

    func testAdjustChargesOrRefundsRealUsage() async throws {
        _ = try await limiter.acquire([key], tokens: 500)
        try await limiter.adjustTokens([key], delta: 400)
        let after = try await limiter.acquire([key], tokens: 1)
        XCTAssertEqual(after.headers.remainingTokens, 99)
        try await limiter.adjustTokens([key], delta: -10_000)
        let refunded = try await limiter.acquire([key], tokens: 1)
        XCTAssertEqual(refunded.headers.remainingTokens, 999)
    }

    func testZeroLimitAlwaysRefuses() async throws {
        let blocked = RateLimiter.Rule(scope: .key("k0"), requestsPerMinute: 0)
        let decision = try await limiter.acquire([blocked], tokens: 1)
        XCTAssertEqual(decision.hit?.limit, 0)
        XCTAssertEqual(decision.headers.remainingRequests, 0)
    }

    func testConcurrentCallersNeverExceedTheLimit() async throws {
        let limiter = self.limiter
        let rule = RateLimiter.Rule(scope: .key("busy"), requestsPerMinute: 60)
        let allowed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 { group.addTask { try await limiter.acquire([rule], tokens: 0).allowed } }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        XCTAssertEqual(allowed, 60)
    }
}
