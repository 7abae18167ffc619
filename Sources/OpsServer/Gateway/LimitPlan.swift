import OpsCore
import OpsGateway

/// The rate limits and budgets one key meets on one route (its own, its project's, the route's),
/// with the store keys each step of a call holds. Built once per key and route and kept by
/// `LimitPlans`: a call only looks its plan up. A class: a call's admission carries it through
/// every step, and a struct of nine arrays cost as many retains and releases at each copy.
final class LimitPlan: Sendable {
    let rateRules: [RateLimiter.Rule]
    let budgetRules: [BudgetTracker.Rule]
    /// Admission: budgets, then rates, in one transaction.
    let admitKeys: [String]
    /// Settlement: the token correction, the cost, or both.
    let rateKeys: [String]
    let budgetKeys: [String]
    let settleKeys: [String]
    /// The admission keys' cells when the limits live in this process (`WriteBehindLimitStore`):
    /// both steps of a call transact on them, settlement leaving what it does not change as it was.
    let prepared: PreparedLimitKeys?
    /// What the plan was built from: a key or route whose limits changed gets a new plan.
    let keyLimits: KeyLimits
    let routeLimits: RouteConfig.Limits?
    /// Whose route it was: a project's route and the operator's of the same name keep apart states.
    let routeProject: String?
    /// Whether a call is refused (503) when the limit store fails while checking these limits.
    let failsClosed: Bool

    static let unlimited = LimitPlan(rateRules: [], budgetRules: [], keyLimits: KeyLimits(), routeLimits: nil,
                                      routeProject: nil, failsClosed: false, memory: nil)

    var isEmpty: Bool { rateRules.isEmpty && budgetRules.isEmpty }

    convenience init(key: APIKey, route: RouteConfig?, project: ProjectLimitsConfig?, memory: WriteBehindLimitStore?) {
        var rateRules: [RateLimiter.Rule] = []
        var budgetRules: [BudgetTracker.Rule] = []
        let limits = key.limits
        if limits.requestsPerMinute != nil || limits.tokensPerMinute != nil {
            rateRules.append(.init(scope: .key(key.id), requestsPerMinute: limits.requestsPerMinute,
                                   tokensPerMinute: limits.tokensPerMinute))
        }
        if limits.dailyBudgetUSD != nil || limits.monthlyBudgetUSD != nil {
            budgetRules.append(.init(scope: .key(key.id), dailyUSD: limits.dailyBudgetUSD, monthlyUSD: limits.monthlyBudgetUSD))
        }
        if let project {
            if project.requestsPerMinute != nil || project.tokensPerMinute != nil {
                rateRules.append(.init(scope: .project(project.name), requestsPerMinute: project.requestsPerMinute,
                                       tokensPerMinute: project.tokensPerMinute))
            }
            if project.dailyBudgetUSD != nil || project.monthlyBudgetUSD != nil {
                budgetRules.append(.init(scope: .project(project.name), dailyUSD: project.dailyBudgetUSD,
                                         monthlyUSD: project.monthlyBudgetUSD, softAlertFraction: project.softAlertFraction))
            }
        }
        if let route, route.limits.requestsPerMinute != nil || route.limits.tokensPerMinute != nil {
            let scope: LimitScope = route.project.map { .projectRoute(project: $0, name: route.name) } ?? .route(route.name)
            rateRules.append(.init(scope: scope, requestsPerMinute: route.limits.requestsPerMinute,
                                   tokensPerMinute: route.limits.tokensPerMinute))
        }
        self.init(rateRules: rateRules, budgetRules: budgetRules, keyLimits: limits, routeLimits: route?.limits,
                  routeProject: route?.project,
                  failsClosed: LimitStoreFailurePolicy.refuses(project?.onLimitStoreError, hasBudgets: !budgetRules.isEmpty),
                  memory: memory)
    }

    private init(rateRules: [RateLimiter.Rule], budgetRules: [BudgetTracker.Rule], keyLimits: KeyLimits,
                 routeLimits: RouteConfig.Limits?, routeProject: String?, failsClosed: Bool, memory: WriteBehindLimitStore?) {
        self.failsClosed = failsClosed
        self.rateRules = rateRules
        self.budgetRules = budgetRules
        rateKeys = RateLimiter.keys(rateRules)
        // A budget's key names no period (the period is in its state), so any instant will do.
        budgetKeys = BudgetTracker.keys(budgetRules, now: .distantPast)
        admitKeys = budgetKeys + rateKeys
        settleKeys = rateKeys + budgetKeys
        prepared = admitKeys.isEmpty ? nil : memory?.prepare(admitKeys)
        self.keyLimits = keyLimits
        self.routeLimits = routeLimits
        self.routeProject = routeProject
    }

    /// Whether this plan still describes `key` on `route` (projects' limits are fixed at start).
    func matches(_ key: APIKey, _ route: RouteConfig?) -> Bool {
        keyLimits == key.limits && routeLimits == route?.limits && routeProject == route?.project
    }
}
