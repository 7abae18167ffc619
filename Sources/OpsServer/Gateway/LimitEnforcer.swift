import Foundation
import Logging
import OpsCore
import OpsGateway
import OpsTelemetry

/// Applies rate limits and budgets to one call: per key (set at `keys create`), per project
/// (`projects:` in the configuration) and per route (`limits:` of a route). Limit states live in
/// the store, so with PostgreSQL they hold across replicas.
///
/// If the limit store fails while a call is admitted, the project's `on_limit_store_error` decides:
/// `closed` refuses it with 503 and `Retry-After` (no detail of the failure), `open` lets it through
/// unlimited. Unset, a call with a budget fails closed and one with rate limits only fails open.
/// Either way the failure is logged.
struct LimitEnforcer: Sendable {
    let rateLimiter: RateLimiter
    let plans: LimitPlans
    let logger: Logger
    /// The store when it keeps the states in this process: calls transact on their plans' cells.
    private let memory: WriteBehindLimitStore?

    init(store: any LimitStore, projects: [ProjectLimitsConfig], clock: any WallClock, logger: Logger) {
        rateLimiter = RateLimiter(store: store, clock: clock)
        memory = store as? WriteBehindLimitStore
        plans = LimitPlans(projects: Dictionary(projects.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last }), memory: memory)
        self.logger = logger
    }

    /// The limits that apply to one call, with what was charged up front.
    struct Admission: Sendable {
        var plan: LimitPlan
        var estimatedTokens: Int
        /// For the `x-ratelimit-*` response headers.
        var headers: LimitHeaders
    }

    /// Checks budgets, then counts the call against the rate limits; a limit reached is a 429
    /// naming it, with `retry-after` and `x-ratelimit-*` headers.
    func admit(key: APIKey, route: RouteConfig?, estimatedTokens: Int) async throws -> Admission {
        let plan = plans.plan(for: key, route: route)
        var admission = Admission(plan: plan, estimatedTokens: estimatedTokens, headers: LimitHeaders())
        guard !plan.isEmpty else { return admission }
        let now = rateLimiter.clock.now()
        var budgetHit: LimitHit?
        var decision: RateLimiter.Decision?
        do {
            // One transaction for budgets and rates: one lock in memory, one round of row locks on
            // PostgreSQL; an exhausted budget refuses before any rate is charged.
            try await transact(plan.admitKeys, plan.prepared) { states in
                budgetHit = BudgetTracker.check(plan.budgetRules, in: states, now: now)
                guard budgetHit == nil, !plan.rateRules.isEmpty else { return }
                decision = rateLimiter.acquire(plan.rateRules, tokens: estimatedTokens, in: &states, now: now)
            }
        } catch {
            if plan.failsClosed {
                logger.error("limit store failed; the call is refused (limits fail closed): \(error)")
                var refusal = OpsError(.unavailable, "Rate limits and budgets cannot be checked right now; try again shortly",
                                       code: "limit_store_unavailable")
                refusal.headers["retry-after"] = "1"
                throw refusal
            }
            logger.error("limit store failed; the call goes through unlimited: \(error)")
            admission.plan = .unlimited
            return admission
        }
        if let budgetHit { throw Self.refusal(budgetHit, headers: LimitHeaders(), now: now) }
        if let decision {
            admission.headers = decision.headers
            if let hit = decision.hit { throw Self.refusal(hit, headers: decision.headers, now: now) }
        }
        return admission
    }

    /// Once the call ended: corrects the token charge to the real usage and adds the cost to the
    /// budgets, logging any budget that crossed its soft threshold or its limit.
    func settle(_ admission: Admission, usage: Usage?, costUSD: Double?) async {
        let plan = admission.plan
        let delta = usage.map { $0.totalTokens - admission.estimatedTokens } ?? 0
        let rateRules = delta != 0 ? plan.rateRules : []
        let budgetRules = (costUSD ?? 0) > 0 ? plan.budgetRules : []
        guard !rateRules.isEmpty || !budgetRules.isEmpty else { return }
        let now = rateLimiter.clock.now()
        let keys = rateRules.isEmpty ? plan.budgetKeys : budgetRules.isEmpty ? plan.rateKeys : plan.settleKeys
        var alerts: [BudgetTracker.Alert] = []
        do {
            try await transact(keys, plan.prepared) { states in
                rateLimiter.adjustTokens(rateRules, delta: delta, in: &states, now: now)
                alerts = BudgetTracker.record(costUSD: costUSD ?? 0, budgetRules, in: &states, now: now)
            }
        } catch {
            logger.error("limit store failed while recording usage: \(error)")
        }
        for alert in alerts {
            let what = alert.exhausted ? "reached its limit" : "crossed its alert threshold"
            logger.warning("budget alert: \(alert.dimension.rawValue) of \(alert.scope) \(what): spent \(alert.spent) of \(alert.limit)")
        }
    }

    /// One limit transaction: at once on the plan's cells when the states live in this process
    /// (the prepared keys are the plan's admission keys, a superset of `keys`), else through the store.
    private func transact(_ keys: [String], _ prepared: PreparedLimitKeys?, _ body: (inout LimitStates) -> Void) async throws {
        if let prepared, let memory {
            if memory.transactInMemory(prepared, body) { return }
            return try await memory.transact(prepared, body)
        }
        try await rateLimiter.store.transact(keys, body)
    }

    private static func refusal(_ hit: LimitHit, headers: LimitHeaders, now: Date) -> OpsError {
        var error = hit.error(now: now)
        for (name, value) in headers.fields { error.headers[name] = value }
        error.headers["retry-after"] = String(max(1, Int(hit.resetsAt.timeIntervalSince(now).rounded(.up))))
        return error
    }

    /// Prompt bytes / 4 plus the requested output allowance: what a call is charged before its
    /// real usage is known.
    static func estimatedTokens(_ request: ChatRequest) -> Int {
        let promptBytes = request.messages.reduce(0) { $0 + $1.text.utf8.count + 4 }
        return (promptBytes + 3) / 4 + (request.maxTokens ?? 0)
    }
}
