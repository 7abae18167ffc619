import Foundation
import OpsCore
import Synchronization

/// Counts failed authentications per client address and per key prefix in fixed windows; once
/// either reaches its limit, further attempts from that address or with that prefix are refused
/// (429 with `Retry-After`) until the window ends, without a key lookup.
///
/// Memory is bounded: each table keeps at most `capacity` entries; past that, ended windows go
/// first, then the oldest ones (an evicted entry only restarts its count).
public final class AuthThrottle: Sendable {
    /// One address's or prefix's failures in the current window.
    struct Window {
        var start: Date
        var failures: Int
    }

    struct Tables {
        var addresses: [String: Window] = [:]
        var prefixes: [String: Window] = [:]
    }

    /// How many characters of a presented key form its prefix (`llmops-` and five more).
    public static let prefixLength = 12

    private let perAddress: Int
    private let perPrefix: Int
    private let window: TimeInterval
    private let capacity: Int
    private let clock: any WallClock
    private let tables = Mutex(Tables())
    /// Until when some entry is blocked (epoch microseconds): while the clock is past it, no entry
    /// is, and checks skip the lock.
    private let blockedUntil = Atomic<Int64>(0)

    public init(settings: AuthSettings = AuthSettings(), clock: any WallClock = SystemClock(), capacity: Int = 10_000) {
        perAddress = settings.failuresPerAddress
        perPrefix = settings.failuresPerPrefix
        window = TimeInterval(settings.failureWindowSeconds)
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    /// The prefix of a presented secret that failures are counted by.
    public static func prefix(of secret: String) -> String { String(secret.prefix(prefixLength)) }

    /// Seconds until `address` or `prefix` may try again, or nil when neither is blocked.
    /// `address` is evaluated only when something is blocked.
    public func retryAfter(address: @autoclosure () -> String?, prefix: String?) -> Int? {
        let now = clock.now()
        guard now.epochMicros < blockedUntil.load(ordering: .relaxed) else { return nil }
        let address = address()
        return tables.withLock { t -> Int? in
            var wait: TimeInterval = 0
            if let address, let w = t.addresses[address], w.failures >= perAddress { wait = max(wait, remaining(w, now)) }
            if let prefix, let w = t.prefixes[prefix], w.failures >= perPrefix { wait = max(wait, remaining(w, now)) }
            return wait > 0 ? max(1, Int(wait.rounded(.up))) : nil
        }
    }

    /// Counts one failed authentication.
    public func recordFailure(address: String?, prefix: String?) {
        let now = clock.now()
        tables.withLock { t in
            if let address, let end = count(&t.addresses, address, limit: perAddress, now: now) { block(until: end) }
            if let prefix, let end = count(&t.prefixes, prefix, limit: perPrefix, now: now) { block(until: end) }
        }
    }

    /// Entries tracked now (addresses, prefixes), for tests of the bound.
    var trackedCounts: (addresses: Int, prefixes: Int) { tables.withLock { ($0.addresses.count, $0.prefixes.count) } }

    private func remaining(_ w: Window, _ now: Date) -> TimeInterval { w.start.addingTimeInterval(window).timeIntervalSince(now) }

    /// Adds a failure to `name`'s window; returns the window's end when this failure reached the limit.
    private func count(_ table: inout [String: Window], _ name: String, limit: Int, now: Date) -> Date? {
        if var w = table[name], remaining(w, now) > 0 {
            w.failures += 1
            table[name] = w
            return w.failures >= limit ? w.start.addingTimeInterval(window) : nil
        }
        if table[name] == nil, table.count >= capacity { evict(&table, now: now) }
        table[name] = Window(start: now, failures: 1)
        return limit <= 1 ? now.addingTimeInterval(window) : nil
    }

    private func evict(_ table: inout [String: Window], now: Date) {
        table = table.filter { remaining($0.value, now) > 0 }
        guard table.count >= capacity else { return }
        // Still full of live windows: drop the oldest tenth at once, so the sort is rare.
        let drop = max(1, capacity / 10)
        for (name, _) in table.sorted(by: { $0.value.start < $1.value.start }).prefix(drop) { table[name] = nil }
    }

    private func block(until end: Date) {
        let micros = end.epochMicros
        var current = blockedUntil.load(ordering: .relaxed)
        while current < micros {
            let (exchanged, original) = blockedUntil.compareExchange(expected: current, desired: micros, ordering: .relaxed)
            if exchanged { break }
            current = original
        }
    }
}
