import OpsCore
/// One entry of `projects:`: the limits every key of a project shares.
/// ```yaml
/// projects:
///   - { name: support, rpm: 600, tpm: 1000000, budget_usd_day: 50, budget_usd_month: 1000, soft_alert: 0.8 }
/// ```
public struct ProjectLimitsConfig: Sendable, Hashable {
    public var name: String
    public var requestsPerMinute: Int?
    public var tokensPerMinute: Int?
    public var dailyBudgetUSD: Double?
    public var monthlyBudgetUSD: Double?
    /// The fraction of a budget at which an alert is logged and counted.
    public var softAlertFraction: Double
    /// How long this project's records are kept, over the instance's `retention:`.
    public var retention = RetentionPolicy()
    /// What the project's calls meet when the limit store fails; nil: budgets closed, rates open.
    public var onLimitStoreError: LimitStoreFailurePolicy?

    public init(name: String, requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, dailyBudgetUSD: Double? = nil,
                monthlyBudgetUSD: Double? = nil, softAlertFraction: Double = 0.8) {
        self.name = name
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.dailyBudgetUSD = dailyBudgetUSD
        self.monthlyBudgetUSD = monthlyBudgetUSD
        self.softAlertFraction = softAlertFraction
    }

    init(_ m: ConfigMapping) throws {
        try m.rejectUnknown(["name", "rpm", "tpm", "budget_usd_day", "budget_usd_month", "soft_alert", "retention",
                            "on_limit_store_error"])
        guard let name = try m.string("name"), !name.isEmpty else { throw ConfigError(m.key("name"), "is required") }
        self.init(name: name, requestsPerMinute: try m.int("rpm", in: NumberRange.rate),
                  tokensPerMinute: try m.int("tpm", in: NumberRange.rate),
                  dailyBudgetUSD: try m.double("budget_usd_day", in: NumberRange.usd),
                  monthlyBudgetUSD: try m.double("budget_usd_month", in: NumberRange.usd),
                  softAlertFraction: try m.double("soft_alert") ?? 0.8)
        guard softAlertFraction > 0, softAlertFraction <= 1 else { throw ConfigError(m.key("soft_alert"), "must be in (0, 1]") }
        retention = try RetentionPolicy(m.mapping("retention"))
        if let policy = try m.string("on_limit_store_error") {
            guard let value = LimitStoreFailurePolicy(rawValue: policy) else {
                throw ConfigError(m.key("on_limit_store_error"), "must be open or closed, got '\(policy)'")
            }
            onLimitStoreError = value
        }
    }
}
