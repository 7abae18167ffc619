import Foundation

/// Random identifiers (from `FastRandom`: unique, not secret). Trace ids are 32 hex digits so
/// they line up with W3C/OpenTelemetry trace ids.
public enum Identifier {
    public static func hex(bytes: Int) -> String {
        var generator = FastRandom()
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes * 2)
        var word: UInt64 = 0
        for i in 0..<bytes {
            if i % 8 == 0 { word = generator.next() }
            let b = UInt8(truncatingIfNeeded: word >> (UInt64(i % 8) * 8))
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// 32 hex digits: the milliseconds since 1970 in the first 12 (48 bits), 80 random bits after.
    /// Time first, as in UUIDv7, so that trace rows and their indexes grow at one end of the
    /// B-tree instead of dirtying a random page per insert (W3C trace context asks for randomness
    /// only in the right-most bytes).
    public static func traceID(now: Date = Date()) -> String {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 12)
        for i in 0..<12 { out[11 - i] = digits[Int((millis >> (UInt64(i) * 4)) & 0xF)] }
        return String(decoding: out, as: UTF8.self) + hex(bytes: 10)
    }
    public static func spanID() -> String { hex(bytes: 8) }

    /// `prefix_` + 24 hex digits, for records people refer to (keys, projects).
    public static func prefixed(_ prefix: String) -> String { prefix + "_" + hex(bytes: 12) }
}
