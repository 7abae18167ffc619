import Synchronization

/// A switch a test flips to make a store operation fail, as it would when its database is lost.
public final class FailureSwitch: Sendable {
    private let state = Mutex(false)

    public init() {}

    public var isOn: Bool {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    /// Throws `StoreUnavailable` while the switch is on.
    public func check(_ operation: String) throws {
        if isOn { throw StoreUnavailable(operation: operation) }
    }

    /// The error a switched-off operation throws; its text is what must never reach a client.
    public struct StoreUnavailable: Error, CustomStringConvertible {
        public var operation: String
        public var description: String { "connection refused (simulated) while \(operation) at 10.0.0.7:5432" }
    }
}
