import OpsCore

/// Keys a caller transacts on again and again, with the `WriteBehindLimitStore` cells that hold
/// their states, found once by `prepare`. Unchecked: `scratch` is used only under the store's lock.
public final class PreparedLimitKeys: @unchecked Sendable {
    /// The keys, each once, in the order the transaction's `LimitStates` holds them.
    public let keys: [String]
    let cells: [LimitCell]
    /// The states a transaction on these keys works on, kept between transactions so that none
    /// allocates its own.
    var scratch: LimitStates

    init(keys: [String], cells: [LimitCell]) {
        self.keys = keys
        self.cells = cells
        scratch = LimitStates(distinctKeys: keys)
    }
}
