import Foundation
import OpsCore

/// Requests and tokens per minute, by GCRA (a leaky bucket kept as one timestamp per limit, which
/// a shared store can update in a single row). A request passes only if every rule allows it, and
/// only then is it counted against all of them.
public struct RateLimiter: Sendable {
    /// Per-minute allowances for one scope; nil means unlimited.
    public struct Rule: Sendable, Hashable {
        public let scope: LimitScope
        public let requestsPerMinute: Int?
        public let tokensPerMinute: Int?
        /// The rule's limits with their store keys, built once: a gateway keeps its rules
        /// (`LimitEnforcer`'s plans) and every call reads them several times.
        let limits: [Limit]

        public init(scope: LimitScope, requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil) {
            self.scope = scope
            self.requestsPerMinute = requestsPerMinute
            self.tokensPerMinute = tokensPerMinute
            let id = scope.id
            var limits: [Limit] = []
            if let rpm = requestsPerMinute {
                limits.append(Limit(key: "rl:\(id):requests", scope: scope, dimension: .requestsPerMinute, limit: Double(max(0, rpm))))
            }
            if let tpm = tokensPerMinute {
                limits.append(Limit(key: "rl:\(id):tokens", scope: scope, dimension: .tokensPerMinute, limit: Double(max(0, tpm))))
            }
            self.limits = limits
        }
    }

    /// The verdict on one request.
    public struct Decision: Sendable, Hashable {
        public var hit: LimitHit?
        public var headers: LimitHeaders
        public var allowed: Bool { hit == nil }
    }

    public var store: any LimitStore
    public var clock: any WallClock
    public var window: Double

    public init(store: any LimitStore, clock: any WallClock, windowSeconds: Double = 60) {
        self.store = store
        self.clock = clock
        window = windowSeconds
    }

    /// Counts one request carrying an estimated `tokens` (prompt plus max output) against `rules`.
    public func acquire(_ rules: [Rule], tokens: Int) async throws -> Decision {
        let now = clock.now()
        return try await store.transact(Self.keys(rules)) { states in acquire(rules, tokens: tokens, in: &states, now: now) }
    }

    /// Corrects the token count once the real usage is known: positive `delta` charges more,
    /// negative refunds (never below an empty bucket).
    public func adjustTokens(_ rules: [Rule], delta: Int) async throws {
        guard delta != 0 else { return }
        let now = clock.now()
        try await store.transact(Self.keys(rules)) { states in adjustTokens(rules, delta: delta, in: &states, now: now) }
    }

    /// The limit states `rules` read and write, for one transaction that holds them with others'.
    public static func keys(_ rules: [Rule]) -> [String] { rules.flatMap { $0.limits.map(\.key) } }

    /// `acquire` on states already held in a transaction (see `keys`): decides, and charges the
    /// request only when every limit allows it.
    public func acquire(_ rules: [Rule], tokens: Int, in states: inout LimitStates, now date: Date) -> Decision {
        let now = date.timeIntervalSince1970
        var decision = Decision(hit: nil, headers: LimitHeaders())
        // The smallest remaining fraction so far, per dimension: it names the headers' numbers.
        var tightestRequests = Double.infinity, tightestTokens = Double.infinity
        for rule in rules { for limit in rule.limits {
            guard limit.limit > 0 else {
                decision.hit = decision.hit ?? LimitHit(scope: limit.scope, dimension: limit.dimension, limit: 0,
                                                        resetsAt: Date(timeIntervalSince1970: now + window))
                decision.headers.set(limit.dimension, limit: 0, remaining: 0, reset: window)
                if limit.dimension == .requestsPerMinute { tightestRequests = -1 } else { tightestTokens = -1 }
                continue
            }
            let (tat, next) = arrival(of: limit, charging: limit.amount(tokens: tokens), in: states, now: now)
            let allowed = next - now <= window + 1e-9
            let remaining = allowed ? Int(((window - (next - now)) / limit.interval(window) + 1e-9).rounded(.down)) : 0
            if !allowed, decision.hit == nil {
                let resetsAt = Date(timeIntervalSince1970: next - window)
                decision.hit = LimitHit(scope: limit.scope, dimension: limit.dimension, limit: limit.limit, resetsAt: resetsAt)
            }
            let reset = (allowed ? next : tat) - now
            let fraction = Double(remaining) / limit.limit
            if limit.dimension == .requestsPerMinute ? fraction < tightestRequests : fraction < tightestTokens {
                if limit.dimension == .requestsPerMinute { tightestRequests = fraction } else { tightestTokens = fraction }
                decision.headers.set(limit.dimension, limit: Int(limit.limit), remaining: remaining, reset: reset)
            }
        } }
        // Charged only once every limit allowed it; nothing above wrote, so each arrival is as computed there.
        if decision.allowed {
            for rule in rules { for limit in rule.limits where limit.limit > 0 {
                states[limit.key] = LimitState(value: arrival(of: limit, charging: limit.amount(tokens: tokens), in: states, now: now).next)
            } }
        }
        return decision
    }

    /// GCRA for one limit: its theoretical arrival time now, and the one after charging `amount`
    /// (negative: a refund).
    private func arrival(of limit: Limit, charging amount: Double, in states: LimitStates, now: Double) -> (tat: Double, next: Double) {
        let tat = max(states[limit.key]?.value ?? now, now)
        return (tat, tat + amount * limit.interval(window))
    }

    /// `adjustTokens` on states already held in a transaction.
    public func adjustTokens(_ rules: [Rule], delta: Int, in states: inout LimitStates, now date: Date) {
        guard delta != 0 else { return }
        let now = date.timeIntervalSince1970
        for rule in rules { for limit in rule.limits where limit.dimension == .tokensPerMinute && limit.limit > 0 {
            states[limit.key] = LimitState(value: max(now, arrival(of: limit, charging: Double(delta), in: states, now: now).next))
        } }
    }

    /// One per-minute allowance of a rule, under its store key.
    struct Limit: Sendable, Hashable {
        var key: String
        var scope: LimitScope
        var dimension: LimitHit.Dimension
        var limit: Double

        /// The time one unit of the allowance takes to come back.
        func interval(_ window: Double) -> Double { window / limit }

        /// What one request of `tokens` (prompt plus allowance) charges this limit.
        func amount(tokens: Int) -> Double { dimension == .requestsPerMinute ? 1 : Double(tokens) }
    }
}

extension LimitHeaders {
    mutating func set(_ dimension: LimitHit.Dimension, limit: Int, remaining: Int, reset: Double) {
        if dimension == .requestsPerMinute {
            (limitRequests, remainingRequests, resetRequests) = (limit, remaining, reset)
        } else {
            (limitTokens, remainingTokens, resetTokens) = (limit, remaining, reset)
        }
    }
}
