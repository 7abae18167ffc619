import Foundation

/// Guards one deployment: after `failureThreshold` failures within `window` it opens and refuses
/// calls; after `coolDown` it half-opens and admits a single probe, whose outcome closes or
/// reopens it.
public final class CircuitBreaker: @unchecked Sendable {
    /// The breaker's state, as `/metrics` shows it (0 closed, 1 open, 2 half-open).
    public enum State: Int, Sendable, Hashable {
        case closed = 0
        case open = 1
        case halfOpen = 2
    }

    /// When a breaker opens and how long it stays open.
    public struct Settings: Sendable, Hashable {
        public var failureThreshold: Int
        public var window: Duration
        public var coolDown: Duration

        public init(failureThreshold: Int = 5, window: Duration = .seconds(30), coolDown: Duration = .seconds(15)) {
            self.failureThreshold = max(1, failureThreshold)
            self.window = window
            self.coolDown = coolDown
        }
    }

    public let settings: Settings
    private let clock: any MonotonicClock
    private let lock = NSLock()
    private var stored: State = .closed
    private var failures: [Duration] = []
    private var openedAt: Duration = .zero
    private var probeInFlight = false
    private var opened = 0

    public init(settings: Settings = Settings(), clock: any MonotonicClock) {
        self.settings = settings
        self.clock = clock
    }

    /// The state now, counting an elapsed cool-down as half-open.
    public var state: State {
        lock.withLock { stored == .open && cooledDown ? .halfOpen : stored }
    }

    /// How many times the breaker has opened, for a metrics counter.
    public var openCount: Int { lock.withLock { opened } }

    /// Whether a call now would be refused; planning skips such deployments.
    public var isRejecting: Bool {
        lock.withLock {
            switch stored {
            case .closed: return false
            case .open: return !cooledDown || probeInFlight
            case .halfOpen: return probeInFlight
            }
        }
    }

    /// Asks to make a call. False means the circuit is open (or its one probe is already out).
    /// A true answer must be followed by exactly one `record…` call.
    public func acquire() -> Bool {
        lock.withLock {
            switch stored {
            case .closed:
                return true
            case .open:
                guard cooledDown else { return false }
                stored = .halfOpen
                probeInFlight = true
                return true
            case .halfOpen:
                guard !probeInFlight else { return false }
                probeInFlight = true
                return true
            }
        }
    }

    /// The call succeeded (or the upstream answered, even with a client error).
    public func recordSuccess() {
        lock.withLock {
            if stored == .halfOpen {
                stored = .closed
                failures.removeAll()
            }
            probeInFlight = false
        }
    }

    /// The call failed in a way that says the deployment is unhealthy.
    public func recordFailure() {
        lock.withLock {
            let now = clock.now()
            switch stored {
            case .halfOpen:
                open(at: now)
            case .closed:
                failures.append(now)
                failures.removeAll { now - $0 > settings.window }
                if failures.count >= settings.failureThreshold { open(at: now) }
            case .open:
                break
            }
            probeInFlight = false
        }
    }

    /// The call ended without saying anything about health (it was cancelled): a probe slot is freed.
    public func recordNeutral() {
        lock.withLock { probeInFlight = false }
    }

    private var cooledDown: Bool { clock.now() - openedAt >= settings.coolDown }

    private func open(at now: Duration) {
        stored = .open
        openedAt = now
        failures.removeAll()
        opened += 1
    }
}
