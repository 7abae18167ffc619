import Synchronization

/// A process-wide fast generator for identifiers and routing picks: SplitMix64 behind a lock,
/// seeded once from the system generator. `SystemRandomNumberGenerator` is a system call per
/// draw (several per gateway call); this is a few nanoseconds. Not for secrets: key secrets use
/// the system generator.
public struct FastRandom: RandomNumberGenerator, Sendable {
    private static let shared: Mutex<SplitMix64> = {
        var system = SystemRandomNumberGenerator()
        return Mutex(SplitMix64(seed: system.next()))
    }()

    public init() {}

    public mutating func next() -> UInt64 {
        Self.shared.withLock { $0.next() }
    }
}
