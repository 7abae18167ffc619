/// An n-gram packed into 128 bits, so counting n-grams hashes two integers instead of arrays.
///
/// Word n-grams hold up to four 32-bit token ids (ids come from a `TokenInterner`); character
/// n-grams hold up to six 21-bit code points. Keys of different orders are kept in separate
/// tables, so unused slots never need telling apart from a real zero.
struct NGramKey: Equatable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The n-gram `ids[start..<start+count]` of 32-bit ids, `count` ≤ 4.
    @inline(__always)
    init(ids: UnsafeBufferPointer<Int32>, start: Int, count: Int) {
        var h: UInt64 = 0
        var l: UInt64 = 0
        for k in 0..<count {
            let v = UInt64(UInt32(bitPattern: ids[start + k]))
            if k < 2 { h = (h << 32) | v } else { l = (l << 32) | v }
        }
        high = h
        low = l
    }

    /// The n-gram `scalars[start..<start+count]` of code points, `count` ≤ 6.
    @inline(__always)
    init(scalars: UnsafeBufferPointer<UInt32>, start: Int, count: Int) {
        var h: UInt64 = 0
        var l: UInt64 = 0
        for k in 0..<count {
            let v = UInt64(scalars[start + k])
            if k < 3 { h = (h << 21) | v } else { l = (l << 21) | v }
        }
        high = h
        low = l
    }
}
