import Foundation

/// A bounded map from exact keys to answers: entries expire after their TTL, and the least
/// recently used go first once either the entry count or the byte budget is exceeded. Every
/// operation is O(1) under one lock.
public final class ExactCache<Value: Sendable>: @unchecked Sendable {
    private struct Node {
        var key: ExactCacheKey
        var value: Value
        var bytes: Int
        var expires: Duration
        var prev: Int
        var next: Int
    }

    public let maxEntries: Int
    public let maxBytes: Int
    private let clock: any MonotonicClock
    private let lock = NSLock()
    private var nodes: [Node?] = []
    private var free: [Int] = []
    private var index: [ExactCacheKey: Int] = [:]
    // Most recently used at `head`; -1 is the end marker.
    private var head = -1
    private var tail = -1
    private var usedBytes = 0
    private var counters = Statistics()

    /// Lookup and eviction counts since start, for `/metrics`.
    public struct Statistics: Sendable, Hashable {
        public var hits = 0
        public var misses = 0
        /// Entries dropped to stay within the entry or byte bound.
        public var evictions = 0
        public var expirations = 0
    }

    public init(maxEntries: Int = 10_000, maxBytes: Int = 256 << 20, clock: any MonotonicClock) {
        self.maxEntries = max(1, maxEntries)
        self.maxBytes = max(1, maxBytes)
        self.clock = clock
    }

    public var count: Int { lock.withLock { index.count } }
    public var bytes: Int { lock.withLock { usedBytes } }
    public var statistics: Statistics { lock.withLock { counters } }

    /// The live value for `key`, marked as just used; expired entries are dropped on the way.
    public func value(for key: ExactCacheKey) -> Value? {
        lock.withLock {
            guard let slot = index[key], let node = nodes[slot] else {
                counters.misses += 1
                return nil
            }
            if clock.now() >= node.expires {
                remove(slot)
                counters.expirations += 1
                counters.misses += 1
                return nil
            }
            unlink(slot)
            pushFront(slot)
            counters.hits += 1
            return node.value
        }
    }

    /// Stores `value`, which weighs `bytes`, for `ttl`. A value larger than the whole budget is not kept.
    public func insert(_ value: Value, for key: ExactCacheKey, bytes: Int, ttl: Duration) {
        lock.withLock {
            guard bytes <= maxBytes, ttl > .zero else {
                if let slot = index[key] { remove(slot) }
                return
            }
            let node = Node(key: key, value: value, bytes: bytes, expires: clock.now() + ttl, prev: -1, next: -1)
            let slot: Int
            if let reused = free.popLast() { nodes[reused] = node; slot = reused } else { nodes.append(node); slot = nodes.count - 1 }
            // One hash lookup: the new slot goes in, and an older entry for the key (rare: the
            // caller just missed) is unlinked without touching the index again.
            if let replaced = index.updateValue(slot, forKey: key) { unlinkAndFree(replaced) }
            usedBytes += bytes
            pushFront(slot)
            while index.count > maxEntries || usedBytes > maxBytes, tail != -1 {
                remove(tail)
                counters.evictions += 1
            }
        }
    }

    /// Forgets `key`.
    public func removeValue(for key: ExactCacheKey) {
        lock.withLock { if let slot = index[key] { remove(slot) } }
    }

    private func remove(_ slot: Int) {
        guard let key = nodes[slot]?.key else { return }
        index[key] = nil
        unlinkAndFree(slot)
    }

    /// Drops the node in `slot` from the list and the byte count; the index is the caller's.
    private func unlinkAndFree(_ slot: Int) {
        guard let bytes = nodes[slot]?.bytes else { return }
        unlink(slot)
        usedBytes -= bytes
        nodes[slot] = nil
        free.append(slot)
    }

    private func unlink(_ slot: Int) {
        let prev = nodes[slot]!.prev, next = nodes[slot]!.next
        if prev != -1 { nodes[prev]!.next = next } else { head = next }
        if next != -1 { nodes[next]!.prev = prev } else { tail = prev }
        nodes[slot]!.prev = -1
        nodes[slot]!.next = -1
    }

    private func pushFront(_ slot: Int) {
        nodes[slot]!.next = head
        nodes[slot]!.prev = -1
        if head != -1 { nodes[head]!.prev = slot }
        head = slot
        if tail == -1 { tail = slot }
    }
}
