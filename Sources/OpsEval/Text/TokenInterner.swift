/// Maps tokens to small integer ids so n-gram tables and LCS compare integers. Tokens compare by
/// their elements (code points or bytes), as Python compares strings, not by Unicode equivalence.
///
/// Open addressing with FNV-1a over the elements: cheaper than `Dictionary`'s SipHash for the
/// short tokens of one sentence pair.
struct TokenInterner<Token: Collection> where Token.Element: FixedWidthInteger {
    private var slots: [Int32]
    private var tokens: [Token] = []
    private var hashes: [UInt64] = []

    init() { slots = Array(repeating: -1, count: 64) }

    mutating func id(_ token: Token) -> Int32 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for e in token { h = (h ^ UInt64(truncatingIfNeeded: e)) &* 0x100_0000_01B3 }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while slots[i] >= 0 {
            let id = Int(slots[i])
            if hashes[id] == h && tokens[id].elementsEqual(token) { return Int32(id) }
            i = (i + 1) & mask
        }
        let id = Int32(tokens.count)
        tokens.append(token)
        hashes.append(h)
        slots[i] = id
        if tokens.count * 2 > slots.count { rehash() }
        return id
    }

    mutating func ids(_ tokens: [Token]) -> [Int32] {
        tokens.map { id($0) }
    }

    private mutating func rehash() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }
}
