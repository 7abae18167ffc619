import Foundation
import OpsCore
@testable import OpsGateway
import XCTest

final class RetryPolicyTests: XCTestCase {
    private let now = Date(timeIntervalSince1970: 1_790_000_000)

    func testClassification() {
        XCTAssertEqual(FailureClass(OpsError.tooManyRequests), .retryable)
        XCTAssertEqual(FailureClass(OpsError(.rateLimited, "slow down")), .retryable)
        XCTAssertEqual(FailureClass(OpsError.serverError), .retryable)
        XCTAssertEqual(FailureClass(OpsError(.upstream(status: 503), "")), .retryable)
        XCTAssertEqual(FailureClass(OpsError(.upstreamTimeout, "")), .retryable)
        XCTAssertEqual(FailureClass(OpsError(.upstreamUnavailable, "reset")), .retryable)
        XCTAssertEqual(FailureClass(URLError(.networkConnectionLost)), .retryable)
        XCTAssertEqual(FailureClass(OpsError.badRequest), .fatal)
        XCTAssertEqual(FailureClass(OpsError(.invalidRequest, "")), .fatal)
        XCTAssertEqual(FailureClass(OpsError(.unauthorized, "")), .fatal)
        XCTAssertEqual(FailureClass(OpsError(.forbidden, "")), .fatal)
        XCTAssertEqual(FailureClass(OpsError(.notFound, "")), .fatal)
        XCTAssertEqual(FailureClass(OpsError.contentPolicy), .fatal)
        XCTAssertEqual(FailureClass(CancellationError()), .fatal)
        XCTAssertEqual(FailureClass(OpsError.contextTooLong), .fallback)
        XCTAssertEqual(FailureClass(OpsError(.upstream(status: 401), "bad upstream key")), .fallback)
    }

    func testBackoffIsFullJitterUnderAnExponentialCeiling() {
        let policy = RetryPolicy(maxRetries: 10, baseDelay: .milliseconds(100), maxDelay: .milliseconds(1_000))
        var random = SplitMix64(seed: 11)
        for retry in 1...8 {
            let ceiling = min(1_000, 100 * pow(2, Double(retry - 1)))
            var largest = 0.0
            for _ in 0..<500 {
                let wait = policy.backoff(retry: retry, using: &random).milliseconds
                XCTAssertGreaterThanOrEqual(wait, 0)
                XCTAssertLessThanOrEqual(wait, ceiling + 0.001)
                largest = max(largest, wait)
            }
            XCTAssertGreaterThan(largest, ceiling * 0.9, "jitter spans the whole range")
        }
    }

    func testRetriesUntilAttemptsRunOutThenFallsBack() {
        let policy = RetryPolicy(maxRetries: 2)
        var random = SplitMix64(seed: 1)
        guard case .retry = policy.decide(after: OpsError.serverError, attempt: 1, now: now, using: &random) else { return XCTFail() }
        guard case .retry = policy.decide(after: OpsError.serverError, attempt: 2, now: now, using: &random) else { return XCTFail() }
        XCTAssertEqual(policy.decide(after: OpsError.serverError, attempt: 3, now: now, using: &random), .fallback)
        XCTAssertEqual(policy.decide(after: OpsError.badRequest, attempt: 1, now: now, using: &random), .fail)
        XCTAssertEqual(policy.decide(after: OpsError.contextTooLong, attempt: 1, now: now, using: &random), .fallback)
    }

    func testRetryAfterSecondsAndDatesAreHonoured() {
        let policy = RetryPolicy(maxRetries: 3, maxDelay: .seconds(10), retryAfterHeader: { ($0 as? OpsError)?.param })
        var random = SplitMix64(seed: 1)
        let seconds = OpsError(.upstream(status: 429), "slow", param: "2")
        XCTAssertEqual(policy.decide(after: seconds, attempt: 1, now: now, using: &random), .retry(after: .seconds(2)))
        let date = OpsError(.upstream(status: 503), "later", param: "Wed, 22 Sep 2026 00:00:05 GMT")
        let at = ISO8601Timestamp.parse("2026-09-22T00:00:00Z")!
        XCTAssertEqual(policy.decide(after: date, attempt: 1, now: at, using: &random), .retry(after: .seconds(5)))
    }

    func testRetryAfterBeyondTheCapFallsBackInsteadOfWaiting() {
        let policy = RetryPolicy(maxRetries: 3, maxDelay: .seconds(5), retryAfterHeader: { _ in "120" })
        var random = SplitMix64(seed: 1)
        XCTAssertEqual(policy.decide(after: OpsError.tooManyRequests, attempt: 1, now: now, using: &random), .fallback)
    }

    func testRetryAfterParsing() {
        XCTAssertEqual(RetryAfter.parse("0", now: now), .zero)
        XCTAssertEqual(RetryAfter.parse(" 1.5 ", now: now), .milliseconds(1_500))
        XCTAssertEqual(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now), .zero, "past dates mean now")
        let at = ISO8601Timestamp.parse("1994-11-06T08:49:00Z")!
        XCTAssertEqual(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: at), .seconds(37))
        XCTAssertEqual(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now: at), .seconds(37))
        XCTAssertNil(RetryAfter.parse("soon", now: now))
        XCTAssertNil(RetryAfter.parse("-3", now: now))
    }

    func testAnAbsurdRetryAfterIsCappedNotTrappedOn() {
        XCTAssertEqual(RetryAfter.parse("1e300", now: now), .seconds(86_400))
        XCTAssertEqual(RetryAfter.parse("9223372036854775807", now: now), .seconds(86_400))
        XCTAssertEqual(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now: now), .seconds(86_400))
    }
}
