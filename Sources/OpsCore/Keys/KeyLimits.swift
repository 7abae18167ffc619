/// What a key may do beyond its role: rate limits, budgets and the routes it may call.
/// Every field nil (the default) means unlimited.
public struct KeyLimits: Sendable, Hashable {
    public var requestsPerMinute: Int?
    public var tokensPerMinute: Int?
    public var dailyBudgetUSD: Double?
    public var monthlyBudgetUSD: Double?
    /// The routes or models the key may call as `model`; nil allows all.
    public var routes: [String]?

    public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil, dailyBudgetUSD: Double? = nil,
                monthlyBudgetUSD: Double? = nil, routes: [String]? = nil) {
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.dailyBudgetUSD = dailyBudgetUSD
        self.monthlyBudgetUSD = monthlyBudgetUSD
        self.routes = routes
    }

    public var isUnlimited: Bool { self == KeyLimits() }

    /// Whether the key may call `model`.
    public func allows(model: String) -> Bool { routes.map { $0.contains(model) } ?? true }

    /// The stored and API form: `{"rpm", "tpm", "budget_usd_day", "budget_usd_month", "routes"}`, only set fields.
    public var json: JSONValue {
        var object = JSONObject()
        if let requestsPerMinute { object["rpm"] = .int(Int64(requestsPerMinute)) }
        if let tokensPerMinute { object["tpm"] = .int(Int64(tokensPerMinute)) }
        if let dailyBudgetUSD { object["budget_usd_day"] = .double(dailyBudgetUSD) }
        if let monthlyBudgetUSD { object["budget_usd_month"] = .double(monthlyBudgetUSD) }
        if let routes { object["routes"] = .array(routes.map { .string($0) }) }
        return .object(object)
    }

    /// Reads the form `json` writes; errors name the field under `path` (e.g. `limits.rpm`).
    public init(json: JSONValue, path: String = "limits") throws(OpsError) {
        let fields = try JSONFields(json, path: path)
        let known: Set<String> = ["rpm", "tpm", "budget_usd_day", "budget_usd_month", "routes"]
        if let unknown = fields.object.keys.first(where: { !known.contains($0) }) {
            throw .invalid("\(path).\(unknown) is not a limit; use rpm, tpm, budget_usd_day, budget_usd_month or routes",
                           param: "\(path).\(unknown)")
        }
        self.init(requestsPerMinute: try fields.int("rpm", in: NumberRange.rate), tokensPerMinute: try fields.int("tpm", in: NumberRange.rate),
                  dailyBudgetUSD: try fields.double("budget_usd_day", in: NumberRange.usd),
                  monthlyBudgetUSD: try fields.double("budget_usd_month", in: NumberRange.usd))
        if let list = fields.object["routes"] {
            guard let items = list.arrayValue else {
                throw .invalid("\(path).routes must be a list of route names", param: "\(path).routes")
            }
            routes = try items.enumerated().map { (index, item) throws(OpsError) -> String in
                guard let name = item.stringValue, !name.isEmpty else {
                    throw .invalid("\(path).routes[\(index)] must be a route name", param: "\(path).routes")
                }
                return name
            }
        }
    }
}
