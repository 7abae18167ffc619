import Foundation
import Synchronization

/// A bounded map from exact keys to answers: entries expire after their TTL, and the least
/// recently used go first once either the entry count or the byte budget is exceeded. Every
/// operation is O(1) under one lock: a `Mutex`, which spins briefly before sleeping. Every routed
/// call takes it twice (lookup, fill) from both event loops, and NSLock's pthread mutex slept on
/// each collision (a futex wait, a wake and a cross-CPU reschedule).
public final class ExactCache<Value: Sendable>: Sendable {
    private struct Node {
        var key: ExactCacheKey
        var value: Value
        var bytes: Int
        var expires: Duration
        var prev: Int
        var next: Int
    }

    /// The LRU list in an array of slots (freed slots are reused), indexed by key.
    private struct Storage {
        var nodes: [Node?] = []
        var free: [Int] = []
        var index: [ExactCacheKey: Int] = [:]
        // Most recently used at `head`; -1 is the end marker.
        var head = -1
        var tail = -1
        var usedBytes = 0
        var counters = Statistics()

        mutating func remove(_ slot: Int) {
            guard let key = nodes[slot]?.key else { return }
            index[key] = nil
            unlinkAndFree(slot)
        }

        /// Drops the node in `slot` from the list and the byte count; the index is the caller's.
        mutating func unlinkAndFree(_ slot: Int) {
            guard let bytes = nodes[slot]?.bytes else { return }
            unlink(slot)
            usedBytes -= bytes
            nodes[slot] = nil
            free.append(slot)
        }

        mutating func unlink(_ slot: Int) {
            let prev = nodes[slot]!.prev, next = nodes[slot]!.next
            if prev != -1 { nodes[prev]!.next = next } else { head = next }
            if next != -1 { nodes[next]!.prev = prev } else { tail = prev }
            nodes[slot]!.prev = -1
            nodes[slot]!.next = -1
        }

        mutating func pushFront(_ slot: Int) {
            nodes[slot]!.next = head
            nodes[slot]!.prev = -1
            if head != -1 { nodes[head]!.prev = slot }
            head = slot
            if tail == -1 { tail = slot }
        }
    }

    public let maxEntries: Int
    public let maxBytes: Int
    private let clock: any MonotonicClock
    private let storage = Mutex(Storage())

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

    public var count: Int { storage.withLock { $0.index.count } }
    public var bytes: Int { storage.withLock { $0.usedBytes } }
    public var statistics: Statistics { storage.withLock { $0.counters } }

    /// The live value for `key`, marked as just used; expired entries are dropped on the way.
    public func value(for key: ExactCacheKey) -> Value? {
        let now = clock.now()
        return storage.withLock { s in
            guard let slot = s.index[key], let node = s.nodes[slot] else {
                s.counters.misses += 1
                return nil
            }
            if now >= node.expires {
                s.remove(slot)
                s.counters.expirations += 1
                s.counters.misses += 1
                return nil
            }
            s.unlink(slot)
            s.pushFront(slot)
            s.counters.hits += 1
            return node.value
        }
    }

    /// Stores `value`, which weighs `bytes`, for `ttl`. A value larger than the whole budget is not kept.
    public func insert(_ value: Value, for key: ExactCacheKey, bytes: Int, ttl: Duration) {
        let expires = clock.now() + ttl
        storage.withLock { s in
            guard bytes <= maxBytes, ttl > .zero else {
                if let slot = s.index[key] { s.remove(slot) }
                return
            }
            let node = Node(key: key, value: value, bytes: bytes, expires: expires, prev: -1, next: -1)
            let slot: Int
            if let reused = s.free.popLast() { s.nodes[reused] = node; slot = reused } else { s.nodes.append(node); slot = s.nodes.count - 1 }
            // One hash lookup: the new slot goes in, and an older entry for the key (rare: the
            // caller just missed) is unlinked without touching the index again.
            if let replaced = s.index.updateValue(slot, forKey: key) { s.unlinkAndFree(replaced) }
            s.usedBytes += bytes
            s.pushFront(slot)
            while s.index.count > maxEntries || s.usedBytes > maxBytes, s.tail != -1 {
                s.remove(s.tail)
                s.counters.evictions += 1
            }
        }
    }

    /// Forgets `key`.
    public func removeValue(for key: ExactCacheKey) {
        storage.withLock { s in if let slot = s.index[key] { s.remove(slot) } }
    }

    /// Forgets every entry whose key matches (an erased end user's); returns how many.
    @discardableResult
    public func removeAll(where matches: (ExactCacheKey) -> Bool) -> Int {
        storage.withLock { s in
            let slots = s.index.filter { matches($0.key) }.map(\.value)
            for slot in slots { s.remove(slot) }
            return slots.count
        }
    }
}
