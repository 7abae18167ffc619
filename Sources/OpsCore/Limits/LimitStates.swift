/// The states one limit transaction holds: one optional state per key, in the order the keys
/// were given. A transaction holds a handful of keys (a call's limits: at most a few per scope),
/// so a key is found by a linear scan, where a dictionary cost a storage allocation and a string
/// hash per access on every call of the gateway. Keys compare by their storage first, and the
/// keys the limiters read are the very strings their plans passed in.
public struct LimitStates: Sendable, Equatable {
    /// The keys held, each once.
    public let keys: [String]
    /// The state of `keys[i]`; nil when there is none (or it was removed).
    public var values: [LimitState?]

    /// The states of `keys`, all absent. A key given twice is held once.
    public init(keys: [String]) {
        self.init(distinctKeys: Self.distinct(keys))
    }

    /// The states of `keys` that the caller knows to be distinct (checked in debug builds only).
    public init(distinctKeys keys: [String]) {
        assert(Set(keys).count == keys.count, "limit keys repeat: \(keys)")
        self.keys = keys
        values = Array(repeating: nil, count: keys.count)
    }

    /// `keys` with each key once, in first-seen order; the caller's array itself when none repeats.
    public static func distinct(_ keys: [String]) -> [String] {
        guard keys.indices.contains(where: { keys[..<$0].contains(keys[$0]) }) else { return keys }
        var unique: [String] = []
        for key in keys where !unique.contains(key) { unique.append(key) }
        return unique
    }

    /// The state of `key`. Setting a key the transaction does not hold is a programming error:
    /// the store would not write it back.
    public subscript(key: String) -> LimitState? {
        get { position(of: key).flatMap { values[$0] } }
        set {
            guard let position = position(of: key) else { preconditionFailure("limit key '\(key)' is not held by this transaction") }
            values[position] = newValue
        }
    }

    /// The state of `key`, or `defaultValue` when it has none; set through it as through `subscript(_:)`.
    public subscript(key: String, default defaultValue: @autoclosure () -> LimitState) -> LimitState {
        get { self[key] ?? defaultValue() }
        set { self[key] = newValue }
    }

    /// The states that are present, by key.
    public var present: [String: LimitState] {
        var out: [String: LimitState] = [:]
        for (key, value) in zip(keys, values) { if let value { out[key] = value } }
        return out
    }

    /// Callers pass the very strings the transaction was opened with, so those are found by their
    /// bits alone first; comparing other keys' contents would read their storage too.
    private func position(of key: String) -> Int? {
        for index in keys.indices where Self.identical(keys[index], key) { return index }
        for index in keys.indices where keys[index] == key { return index }
        return nil
    }

    /// Whether two strings are the same value bit for bit (the same storage, or the same small string).
    private static func identical(_ a: String, _ b: String) -> Bool {
        withUnsafeBytes(of: a) { a in withUnsafeBytes(of: b) { b in a.elementsEqual(b) } }
    }
}
