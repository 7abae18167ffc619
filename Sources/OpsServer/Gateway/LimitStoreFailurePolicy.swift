/// What a call meets when the limit store fails while its limits are checked (`projects:` →
/// `on_limit_store_error`). `open` lets it through unlimited (and logs); `closed` answers 503
/// with `Retry-After` and no detail of the failure. Unset, budgets fail closed (money is not spent
/// unchecked) and rate limits alone fail open (a broken store does not take the gateway down).
public enum LimitStoreFailurePolicy: String, Sendable, Hashable, CaseIterable {
    case open
    case closed

    /// Whether a call with these limits is refused when they cannot be checked.
    static func refuses(_ policy: LimitStoreFailurePolicy?, hasBudgets: Bool) -> Bool {
        switch policy {
        case .open: return false
        case .closed: return true
        case nil: return hasBudgets
        }
    }
}
