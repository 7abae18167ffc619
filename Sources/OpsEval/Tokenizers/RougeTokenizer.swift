/// rouge-score's default tokenizer: lowercase, every run of characters outside `[a-z0-9]` is a
/// separator, and with the stemmer on, tokens longer than three characters are Porter-stemmed.
public struct RougeTokenizer: Sendable {
    /// Porter-stem tokens longer than three characters (rouge-score's `use_stemmer`).
    public var useStemmer: Bool
    private let stemmer = PorterStemmer()

    public init(useStemmer: Bool = false) {
        self.useStemmer = useStemmer
    }

    /// The tokens of `text` as strings.
    public func tokenize(_ text: String) -> [String] {
        tokenBytes(text).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The tokens of `text` as ASCII bytes.
    func tokenBytes(_ text: String) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty {
                tokens.append(useStemmer && current.count > 3 ? stemmer.stem(current) : current)
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            let c = scalar.value
            switch c {
            case 0x61...0x7A, 0x30...0x39: current.append(UInt8(c))
            case 0x41...0x5A: current.append(UInt8(c + 0x20))
            // Python's str.lower() maps these two to ASCII: İ to "i" plus a combining dot (a
            // separator once non-alphanumerics are dropped), the Kelvin sign to "k".
            case 0x130: current.append(UInt8(ascii: "i")); flush()
            case 0x212A: current.append(UInt8(ascii: "k"))
            default: flush()
            }
        }
        flush()
        return tokens.filter { !$0.isEmpty }
    }

    /// The tokens of `text` as ids from `interner`, so n-grams and LCS compare integers.
    func tokenIDs(_ text: String, interner: inout TokenInterner<[UInt8]>) -> [Int32] {
        tokenBytes(text).map { interner.id($0) }
    }
}
