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
        try m.rejectUnknown(["name", "rpm", "tpm", "budget_usd_day", "budget_usd_month", "soft_alert"])
        guard let name = try m.string("name"), !name.isEmpty else { throw ConfigError(m.key("name"), "is required") }
        self.init(name: name, requestsPerMinute: try Self.nonNegative(m.int("rpm"), m.key("rpm")),
                  tokensPerMinute: try Self.nonNegative(m.int("tpm"), m.key("tpm")),
                  dailyBudgetUSD: try Self.nonNegative(m.double("budget_usd_day"), m.key("budget_usd_day")),
                  monthlyBudgetUSD: try Self.nonNegative(m.double("budget_usd_month"), m.key("budget_usd_month")),
                  softAlertFraction: try m.double("soft_alert") ?? 0.8)
        guard softAlertFraction > 0, softAlertFraction <= 1 else { throw ConfigError(m.key("soft_alert"), "must be in (0, 1]") }
    }

    static func nonNegative<N: Comparable & Numeric>(_ value: N?, _ key: String) throws -> N? {
        if let value, value < 0 { throw ConfigError(key, "must not be negative") }
        return value
    }
}
