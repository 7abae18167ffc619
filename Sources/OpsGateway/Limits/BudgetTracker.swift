import Foundation
import OpsCore

/// Spending limits in USD per UTC day and month, per key and per project: a soft threshold that
/// raises an alert once, and a hard stop that refuses requests until the period starts over.
public struct BudgetTracker: Sendable {
    /// The budgets of one scope; nil means unlimited.
    public struct Rule: Sendable, Hashable {
        public let scope: LimitScope
        public let dailyUSD: Double?
        public let monthlyUSD: Double?
        /// The fraction of a budget at which an alert is raised, e.g. 0.8.
        public let softAlertFraction: Double
        /// The store keys of the scope's two budgets, built once: a gateway keeps its rules
        /// (`LimitEnforcer`'s plans) and every call reads them several times.
        let dayKey: String
        let monthKey: String
        /// The store keys of the budgets this rule sets, day before month.
        let keys: [String]

        public init(scope: LimitScope, dailyUSD: Double? = nil, monthlyUSD: Double? = nil, softAlertFraction: Double = 0.8) {
            self.scope = scope
            self.dailyUSD = dailyUSD
            self.monthlyUSD = monthlyUSD
            self.softAlertFraction = softAlertFraction
            let id = scope.id
            dayKey = "budget:\(id):day"
            monthKey = "budget:\(id):month"
            keys = (dailyUSD == nil ? [] : [dayKey]) + (monthlyUSD == nil ? [] : [monthKey])
        }
    }

    /// A budget crossing its soft threshold (or its limit) with the spend just recorded.
    public struct Alert: Sendable, Hashable {
        public var scope: LimitScope
        public var dimension: LimitHit.Dimension
        public var limit: Double
        public var spent: Double
        /// True when the hard limit itself was crossed.
        public var exhausted: Bool
    }

    public var store: any LimitStore
    public var clock: any WallClock

    public init(store: any LimitStore, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The exhausted budget that forbids a new request, if any.
    public func check(_ rules: [Rule]) async throws -> LimitHit? {
        let now = clock.now()
        return try await store.transact(Self.keys(rules, now: now)) { states in Self.check(rules, in: states, now: now) }
    }

    /// Adds a call's cost to every budget and returns the thresholds it crossed.
    @discardableResult
    public func record(costUSD cost: Double, _ rules: [Rule]) async throws -> [Alert] {
        guard cost > 0, cost.isFinite else { return [] }
        let now = clock.now()
        return try await store.transact(Self.keys(rules, now: now)) { states in Self.record(costUSD: cost, rules, in: &states, now: now) }
    }

    /// The limit states `rules` read and write at `now`, for one transaction that holds them with others'.
    /// (A budget's key names no period: the period is in its state's stamp.)
    public static func keys(_ rules: [Rule], now: Date) -> [String] { rules.count == 1 ? rules[0].keys : rules.flatMap(\.keys) }

    /// `check` on states already held in a transaction (see `keys`).
    public static func check(_ rules: [Rule], in states: LimitStates, now: Date) -> LimitHit? {
        var hit: LimitHit?
        forEachBudget(rules, now: now) { budget in
            guard hit == nil, spent(states[budget.key], in: budget) >= budget.limit else { return }
            hit = LimitHit(scope: budget.scope, dimension: budget.dimension, limit: budget.limit, resetsAt: budget.period.end)
        }
        return hit
    }

    /// `record` on states already held in a transaction.
    public static func record(costUSD cost: Double, _ rules: [Rule], in states: inout LimitStates, now: Date) -> [Alert] {
        guard cost > 0, cost.isFinite else { return [] }
        var alerts: [Alert] = []
        forEachBudget(rules, now: now) { budget in
            let before = spent(states[budget.key], in: budget)
            let after = before + cost
            states[budget.key] = LimitState(value: after, stamp: budget.period.start.timeIntervalSince1970)
            let soft = budget.limit * budget.softFraction
            if after >= budget.limit && before < budget.limit {
                alerts.append(Alert(scope: budget.scope, dimension: budget.dimension, limit: budget.limit, spent: after, exhausted: true))
            } else if after >= soft && before < soft {
                alerts.append(Alert(scope: budget.scope, dimension: budget.dimension, limit: budget.limit, spent: after, exhausted: false))
            }
        }
        return alerts
    }

    private struct Budget {
        var key: String
        var scope: LimitScope
        var dimension: LimitHit.Dimension
        var limit: Double
        var softFraction: Double
        var period: DateInterval
    }

    private static func spent(_ state: LimitState?, in budget: Budget) -> Double {
        guard let state, state.stamp == budget.period.start.timeIntervalSince1970 else { return 0 }
        return state.value
    }

    /// Each budget of `rules` in the period containing `now`, without collecting them: every call
    /// of the gateway checks and records its budgets.
    private static func forEachBudget(_ rules: [Rule], now: Date, _ body: (Budget) -> Void) {
        let day = UTCPeriod.day(containing: now)
        var month: DateInterval?
        for rule in rules {
            if let daily = rule.dailyUSD {
                body(Budget(key: rule.dayKey, scope: rule.scope, dimension: .dailyBudget, limit: daily,
                            softFraction: rule.softAlertFraction, period: day))
            }
            if let monthly = rule.monthlyUSD {
                let period = month ?? UTCPeriod.month(containing: now)
                month = period
                body(Budget(key: rule.monthKey, scope: rule.scope, dimension: .monthlyBudget, limit: monthly,
                            softFraction: rule.softAlertFraction, period: period))
            }
        }
    }
}
