/// Time that only moves forward, for timeouts, backoff and circuit cool-downs. Injected so tests
/// drive it by hand instead of sleeping.
public protocol MonotonicClock: Sendable {
    /// Time since an arbitrary fixed origin.
    func now() -> Duration
    /// Suspends for `duration`; a fake clock advances itself instead.
    func sleep(for duration: Duration) async throws
}

/// The process's continuous clock.
public struct SystemMonotonicClock: MonotonicClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return }
        try await Task.sleep(for: duration)
    }
}

extension Duration {
    /// The duration in fractional milliseconds, as traces and headers report it.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    /// The duration in fractional seconds.
    public var seconds: Double { milliseconds / 1_000 }
}
