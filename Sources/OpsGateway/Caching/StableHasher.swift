/// A 128-bit FNV-1a hash whose value is the same in every process and on every machine, unlike
/// Swift's seeded `Hasher`: cache keys and sticky routing must agree across restarts and replicas.
public struct StableHasher: Sendable {
    /// A finished hash.
    public struct Digest: Sendable, Hashable, CustomStringConvertible {
        public var high: UInt64
        public var low: UInt64

        public var description: String { hex }

        /// 32 lowercase hex digits.
        public var hex: String {
            func pad(_ v: UInt64) -> String {
                let s = String(v, radix: 16)
                return String(repeating: "0", count: 16 - s.count) + s
            }
            return pad(high) + pad(low)
        }
    }

    private var high: UInt64 = 0x6c62_272e_07bb_0142
    private var low: UInt64 = 0x62b8_2175_6295_c58d

    public init() {}

    /// Adds raw bytes.
    public mutating func combine<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        var h = high, l = low
        for byte in bytes {
            l ^= UInt64(byte)
            // The FNV-128 prime is 2^88 + 0x13B: multiply by 0x13B in full width, then add the 2^88 term.
            let product = l.multipliedFullWidth(by: 0x13B)
            let shifted = l << 24
            h = h &* 0x13B &+ product.high &+ shifted
            l = product.low
        }
        high = h
        low = l
    }

    /// Adds a string, length first so that ("ab", "c") and ("a", "bc") differ.
    public mutating func combine(_ string: String) {
        var s = string
        s.withUTF8 { buffer in
            combine(UInt64(buffer.count))
            combine(bytes: buffer)
        }
    }

    public mutating func combine(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { combine(bytes: $0) }
    }

    public mutating func combine(_ value: Int) { combine(UInt64(bitPattern: Int64(value))) }

    public mutating func combine(_ value: Double) { combine(value.bitPattern) }

    public mutating func combine(_ value: Bool) { combine(bytes: CollectionOfOne(value ? 1 : 0)) }

    /// The hash of everything combined so far. FNV's low word only ever sees the weak 0x13B
    /// multiplier, so both words go through an avalanche step before anyone uses their bits.
    public func finalize() -> Digest {
        let l = Self.avalanche(low ^ Self.avalanche(high))
        return Digest(high: Self.avalanche(high ^ l), low: l)
    }

    /// SplitMix64's finalizer.
    static func avalanche(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
