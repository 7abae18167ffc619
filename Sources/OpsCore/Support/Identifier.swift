import Foundation

/// Random identifiers. Trace ids are 32 hex digits so they line up with W3C/OpenTelemetry trace ids.
public enum Identifier {
    public static func hex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes * 2)
        // Eight bytes per draw: each draw of the system generator is a system call.
        var word: UInt64 = 0
        for i in 0..<bytes {
            if i % 8 == 0 { word = generator.next() }
            let b = UInt8(truncatingIfNeeded: word >> (UInt64(i % 8) * 8))
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func traceID() -> String { hex(bytes: 16) }
    public static func spanID() -> String { hex(bytes: 8) }

    /// `prefix_` + 24 hex digits, for records people refer to (keys, projects).
    public static func prefixed(_ prefix: String) -> String { prefix + "_" + hex(bytes: 12) }
}
