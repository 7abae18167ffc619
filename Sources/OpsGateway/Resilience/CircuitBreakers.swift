import Foundation

/// One `CircuitBreaker` per deployment, created on first use.
public final class CircuitBreakers: @unchecked Sendable {
    public let settings: CircuitBreaker.Settings
    private let clock: any MonotonicClock
    private let lock = NSLock()
    private var breakers: [String: CircuitBreaker] = [:]

    public init(settings: CircuitBreaker.Settings = .init(), clock: any MonotonicClock) {
        self.settings = settings
        self.clock = clock
    }

    /// The breaker guarding `deployment`.
    public func breaker(for deployment: String) -> CircuitBreaker {
        lock.withLock {
            if let existing = breakers[deployment] { return existing }
            let created = CircuitBreaker(settings: settings, clock: clock)
            breakers[deployment] = created
            return created
        }
    }

    /// Whether planning should skip `deployment` right now. Unknown deployments are closed.
    public func isRejecting(_ deployment: String) -> Bool {
        let existing = lock.withLock { breakers[deployment] }
        return existing?.isRejecting ?? false
    }

    /// Every known breaker's state and open count, for `/metrics` and the console.
    public func snapshot() -> [(deployment: String, state: CircuitBreaker.State, openCount: Int)] {
        let all = lock.withLock { breakers }
        return all.keys.sorted().map { name in (name, all[name]!.state, all[name]!.openCount) }
    }
}
