/// N-gram counts of one order in an open-addressing table with a multiplicative hash.
///
/// Counting n-grams is the hot loop of BLEU, chrF and ROUGE-N; `Dictionary` spends most of that
/// time seeding and finalizing SipHash for 16-byte keys, which this table avoids.
struct NGramTable: Sequence {
    private var keys: [NGramKey]
    private var counts: [Int32]
    private var mask: Int
    /// Number of distinct n-grams.
    private(set) var distinct = 0
    /// Sum of all counts.
    private(set) var total = 0

    init(expected: Int = 8) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        keys = Array(repeating: NGramKey(high: 0, low: 0), count: capacity)
        counts = Array(repeating: 0, count: capacity)
        mask = capacity - 1
    }

    var isEmpty: Bool { distinct == 0 }

    @inline(__always)
    private static func slot(_ key: NGramKey, _ mask: Int) -> Int {
        var h = key.high &* 0x9E37_79B9_7F4A_7C15 ^ (key.low &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 31
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The count of `key`, nil when absent.
    subscript(key: NGramKey) -> Int? {
        var i = Self.slot(key, mask)
        while counts[i] != 0 {
            if keys[i] == key { return Int(counts[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds `count` occurrences of `key`.
    mutating func add(_ key: NGramKey, _ count: Int = 1) {
        if (distinct + 1) * 2 > keys.count { grow() }
        var i = Self.slot(key, mask)
        while counts[i] != 0 {
            if keys[i] == key {
                counts[i] += Int32(count)
                total += count
                return
            }
            i = (i + 1) & mask
        }
        keys[i] = key
        counts[i] = Int32(count)
        distinct += 1
        total += count
    }

    /// Raises each count to `other`'s where that is larger (sacrebleu's multi-reference merge).
    mutating func formMax(_ other: NGramTable) {
        for (key, count) in other {
            let mine = self[key] ?? 0
            if count > mine { add(key, count - mine) }
        }
    }

    private mutating func grow() {
        let old = zip(keys, counts).filter { $0.1 != 0 }
        self = NGramTable(expected: keys.count)
        for (key, count) in old { add(key, Int(count)) }
    }

    func makeIterator() -> AnyIterator<(key: NGramKey, value: Int)> {
        var i = 0
        return AnyIterator {
            while i < counts.count {
                defer { i += 1 }
                if counts[i] != 0 { return (keys[i], Int(counts[i])) }
            }
            return nil
        }
    }
}
