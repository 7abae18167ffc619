/// Maps tokens to small integer ids so n-gram tables and LCS compare integers. Tokens compare by
/// their elements (code points or bytes), as Python compares strings, not by Unicode equivalence.
struct TokenInterner<Token: Hashable> {
    private var ids: [Token: Int32] = [:]

    mutating func id(_ token: Token) -> Int32 {
        if let id = ids[token] { return id }
        let id = Int32(ids.count)
        ids[token] = id
        return id
    }

    mutating func ids(_ tokens: [Token]) -> [Int32] {
        tokens.map { id($0) }
    }
}
