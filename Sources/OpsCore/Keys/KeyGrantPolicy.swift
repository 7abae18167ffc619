import Foundation

/// What a key may hand out: a key it creates (or rotates) has no higher role and no looser limits
/// than its own. A limit the granting key has must be present on the new key and at most as
/// large; its routes must be a subset; it must not expire later.
public enum KeyGrantPolicy {
    /// Throws a 403 naming the field (`role`, `limits.rpm`, …, `expires_in`) at which `role`,
    /// `limits` and `expiresAt` exceed `granter`'s. `subject` says what is granted in messages
    /// ("the new key", "the key being rotated").
    public static func check(role: Role, limits: KeyLimits, expiresAt: Date?, grantedBy granter: APIKey,
                             subject: String = "the new key", expiryField: String = "expires_in") throws(OpsError) {
        guard role <= granter.role else {
            throw refusal("\(subject) would have role '\(role.rawValue)', above this key's '\(granter.role.rawValue)'", param: "role")
        }
        let own = granter.limits
        try atMost(limits.requestsPerMinute.map(Double.init), own.requestsPerMinute.map(Double.init), "limits.rpm", subject)
        try atMost(limits.tokensPerMinute.map(Double.init), own.tokensPerMinute.map(Double.init), "limits.tpm", subject)
        try atMost(limits.dailyBudgetUSD, own.dailyBudgetUSD, "limits.budget_usd_day", subject)
        try atMost(limits.monthlyBudgetUSD, own.monthlyBudgetUSD, "limits.budget_usd_month", subject)
        if let ownRoutes = own.routes {
            guard let routes = limits.routes else {
                throw refusal("\(subject) would call every route; this key may call only \(ownRoutes.joined(separator: ", ")), "
                              + "so limits.routes must list a subset of them", param: "limits.routes")
            }
            let allowed = Set(ownRoutes)
            if let extra = routes.first(where: { !allowed.contains($0) }) {
                throw refusal("\(subject) would call route '\(extra)', which this key may not call", param: "limits.routes")
            }
        }
        if let ownExpiry = granter.expiresAt {
            guard let expiresAt else {
                throw refusal("\(subject) would never expire; this key expires at \(ownExpiry.iso8601), so \(expiryField) must end "
                              + "no later", param: expiryField)
            }
            guard expiresAt <= ownExpiry else {
                throw refusal("\(subject) would expire at \(expiresAt.iso8601), after this key (\(ownExpiry.iso8601))", param: expiryField)
            }
        }
    }

    private static func atMost(_ value: Double?, _ own: Double?, _ field: String, _ subject: String) throws(OpsError) {
        guard let own else { return }
        guard let value else {
            throw refusal("\(subject) would have no \(field); this key's is \(format(own)), so it must be set and at most that",
                          param: field)
        }
        guard value <= own else {
            throw refusal("\(subject) would have \(field) \(format(value)), above this key's \(format(own))", param: field)
        }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func refusal(_ message: String, param: String) -> OpsError {
        OpsError(.forbidden, "A key cannot grant more than it has: " + message, param: param, code: "exceeds_own_rights")
    }
}
