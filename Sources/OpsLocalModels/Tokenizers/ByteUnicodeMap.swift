/// GPT-2's reversible map between bytes and printable Unicode characters.
///
/// Printable Latin-1 bytes map to themselves; the other 68 bytes map to U+0100 upwards, so
/// every byte sequence becomes a string of visible characters (a space becomes `Ġ`).
enum ByteUnicodeMap {
    /// `scalars[b]` is the character standing for byte `b`.
    static let scalars: [Unicode.Scalar] = {
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (33...126).contains(b) || (161...172).contains(b) || (174...255).contains(b)
            if printable {
                table[b] = Unicode.Scalar(UInt32(b))!
            } else {
                table[b] = Unicode.Scalar(next)!
                next += 1
            }
        }
        return table
    }()

    /// The byte a character stands for, or nil for characters outside the map.
    static let bytes: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (b, scalar) in scalars.enumerated() { map[scalar.value] = UInt8(b) }
        return map
    }()

    /// Bytes for a vocabulary entry written in the mapped alphabet.
    static func decode(_ token: String) -> [UInt8] {
        var out: [UInt8] = []
        for scalar in token.unicodeScalars {
            if let b = bytes[scalar.value] {
                out.append(b)
            } else {
                out.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return out
    }
}
