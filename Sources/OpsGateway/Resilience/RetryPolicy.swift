import Foundation
import OpsCore

/// How many times to retry one deployment and how long to wait in between: exponential backoff
/// with full jitter, capped, and an upstream's `Retry-After` taking precedence when it fits the cap.
public struct RetryPolicy: Sendable {
    /// Retries after the first try.
    public var maxRetries: Int
    public var baseDelay: Duration
    /// No wait is longer than this. A `Retry-After` beyond it ends retries on that deployment, so
    /// the request falls back instead of holding the client.
    public var maxDelay: Duration
    /// Pulls the raw `Retry-After` header out of an error; the provider layer decides where it lives.
    public var retryAfterHeader: @Sendable (any Error) -> String?

    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(5),
                retryAfterHeader: @escaping @Sendable (any Error) -> String? = { _ in nil }) {
        self.maxRetries = max(0, maxRetries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.retryAfterHeader = retryAfterHeader
    }

    /// The policy a route's `retries` block describes.
    public init(_ retries: RouteConfig.Retries, retryAfterHeader: @escaping @Sendable (any Error) -> String? = { _ in nil }) {
        self.init(maxRetries: retries.attempts, baseDelay: .milliseconds(retries.backoffMs),
                  maxDelay: .milliseconds(retries.capMs), retryAfterHeader: retryAfterHeader)
    }

    /// What to do after try number `attempt` (1-based) failed with `error`.
    public enum Decision: Sendable, Hashable {
        /// Wait this long, then try the same deployment again.
        case retry(after: Duration)
        /// Move on to the next deployment of the plan.
        case fallback
        /// Stop and report the error.
        case fail
    }

    public func decide<R: RandomNumberGenerator>(after error: any Error, attempt: Int, now: Date,
                                                 using random: inout R) -> Decision {
        switch FailureClass(error) {
        case .fatal: return .fail
        case .fallback: return .fallback
        case .retryable:
            guard attempt <= maxRetries else { return .fallback }
            if let header = retryAfterHeader(error), let wait = RetryAfter.parse(header, now: now) {
                return wait <= maxDelay ? .retry(after: wait) : .fallback
            }
            return .retry(after: backoff(retry: attempt, using: &random))
        }
    }

    /// Full jitter: uniform in [0, min(cap, base · 2^(retry-1))].
    public func backoff<R: RandomNumberGenerator>(retry: Int, using random: inout R) -> Duration {
        let exponent = Double(max(0, min(retry - 1, 30)))
        let ceiling = min(maxDelay.milliseconds, baseDelay.milliseconds * pow(2, exponent))
        guard ceiling > 0 else { return .zero }
        return .microseconds(Int64(Double.random(in: 0...ceiling, using: &random) * 1_000))
    }
}
