import Foundation

/// One `CircuitBreaker` per deployment and scope, created on first use. The scope is a route's
/// (`RouteConfig.scope`): "" for the operator's routes and plain models, a project's name for its
/// own routes, so a project's routes (their timeouts, their traffic) cannot open the circuits every
/// other project's calls go through.
public final class CircuitBreakers: @unchecked Sendable {
    private struct Name: Hashable {
        var scope: String
        var deployment: String
    }

    public let settings: CircuitBreaker.Settings
    private let clock: any MonotonicClock
    private let lock = NSLock()
    private var breakers: [Name: CircuitBreaker] = [:]

    public init(settings: CircuitBreaker.Settings = .init(), clock: any MonotonicClock) {
        self.settings = settings
        self.clock = clock
    }

    /// The breaker guarding `deployment` in `scope`.
    public func breaker(for deployment: String, scope: String = "") -> CircuitBreaker {
        let name = Name(scope: scope, deployment: deployment)
        return lock.withLock {
            if let existing = breakers[name] { return existing }
            let created = CircuitBreaker(settings: settings, clock: clock)
            breakers[name] = created
            return created
        }
    }

    /// Whether planning should skip `deployment` in `scope` right now. Unknown deployments are closed.
    public func isRejecting(_ deployment: String, scope: String = "") -> Bool {
        let existing = lock.withLock { breakers[Name(scope: scope, deployment: deployment)] }
        return existing?.isRejecting ?? false
    }

    /// Every known breaker of `scope` with its state and open count, for `/metrics` (the operator's
    /// scope) and the console.
    public func snapshot(scope: String = "") -> [(deployment: String, state: CircuitBreaker.State, openCount: Int)] {
        let all = lock.withLock { breakers.filter { $0.key.scope == scope } }
        return all.keys.map(\.deployment).sorted().map { deployment in
            let breaker = all[Name(scope: scope, deployment: deployment)]!
            return (deployment, breaker.state, breaker.openCount)
        }
    }
}
