import OpsCore

/// One limit state as a `WriteBehindLimitStore` knows it: whether it has been read from the
/// backing store, the state (nil when there is none) and whether it changed since the last
/// flush. Its contents are read and written only under the store's lock, hence unchecked.
final class LimitCell: @unchecked Sendable {
    let key: String
    private(set) var loaded = false
    private(set) var state: LimitState?
    var dirty = false

    init(key: String) {
        self.key = key
    }

    /// The state read from the backing store.
    func load(_ stored: LimitState?) {
        state = stored
        loaded = true
    }

    /// Takes the state a transaction left; true when that marks the cell dirty (its first change
    /// since the last flush), so the caller lists it once.
    func take(_ updated: LimitState?) -> Bool {
        guard updated != state else { return false }
        state = updated
        guard !dirty else { return false }
        dirty = true
        return true
    }
}
