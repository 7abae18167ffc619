import Foundation
import OpsCore

/// The limit that stopped a request, and when it lets requests through again.
public struct LimitHit: Sendable, Hashable {
    /// Which kind of limit.
    public enum Dimension: String, Sendable, Hashable {
        case requestsPerMinute = "requests per minute"
        case tokensPerMinute = "tokens per minute"
        case dailyBudget = "daily budget (USD)"
        case monthlyBudget = "monthly budget (USD)"
    }

    public var scope: LimitScope
    public var dimension: Dimension
    public var limit: Double
    /// When a retry can succeed (rate limits) or the period starts over (budgets).
    public var resetsAt: Date

    public init(scope: LimitScope, dimension: Dimension, limit: Double, resetsAt: Date) {
        self.scope = scope
        self.dimension = dimension
        self.limit = limit
        self.resetsAt = resetsAt
    }

    /// The 429 the client receives, in OpenAI's words.
    public func error(now: Date) -> OpsError {
        let isBudget = dimension == .dailyBudget || dimension == .monthlyBudget
        let limitText = isBudget ? String(format: "%.2f", limit) : String(Int(limit))
        let wait = LimitHeaders.duration(max(0, resetsAt.timeIntervalSince(now)))
        return OpsError(.rateLimited,
                        "Limit reached for \(dimension.rawValue) on \(scope): limit \(limitText). "
                            + "It resets in \(wait) (at \(resetsAt.iso8601)).",
                        code: isBudget ? "budget_exceeded" : "rate_limit_exceeded", type: isBudget ? "insufficient_quota" : "requests")
    }
}
