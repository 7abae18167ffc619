/// GPT-2 style byte-level BPE built from a GGUF file's `tokenizer.ggml.*` metadata, matching
/// llama.cpp's tokenization (special-token partition, `smollm` pre-tokenizer, merge ranks).
public struct ByteLevelBPETokenizer: Sendable {
    /// GGUF token types (`tokenizer.ggml.token_type`).
    enum TokenType: Int { case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6 }

    public let vocabulary: [String]
    private let ids: [String: Int]
    private let types: [TokenType]
    private let tokenBytes: [[UInt8]]
    /// (left id << 32 | right id) → (rank, merged id).
    private let merges: [UInt64: (rank: Int32, id: Int32)]
    private let byteIDs: [Int]
    /// Special tokens, longest first, as llama.cpp partitions them.
    private let specials: [(text: [UInt8], id: Int, control: Bool)]
    private let preTokenizer: GPT2PreTokenizer
    public let bosID: Int?
    public let eosID: Int?
    public let addBOS: Bool

    public init(gguf: GGUFFile) throws {
        let model = try gguf.required("tokenizer.ggml.model").string
        guard model == "gpt2" else { throw LocalModelError.unsupportedArchitecture("tokenizer \(model ?? "?")") }
        let pre = gguf.metadata["tokenizer.ggml.pre"]?.string ?? "default"
        switch pre {
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva": preTokenizer = GPT2PreTokenizer(splitDigits: true)
        case "gpt-2", "gpt2", "mpt", "olmo", "jais", "default": preTokenizer = GPT2PreTokenizer(splitDigits: false)
        default: throw LocalModelError.unsupportedArchitecture("pre-tokenizer \(pre)")
        }
        vocabulary = try gguf.requiredStrings("tokenizer.ggml.tokens")
        let rawTypes = gguf.metadata["tokenizer.ggml.token_type"]?.array?.map { $0.int ?? 1 } ?? []
        types = vocabulary.indices.map { i in i < rawTypes.count ? TokenType(rawValue: rawTypes[i]) ?? .normal : .normal }
        var ids: [String: Int] = [:]
        for (i, t) in vocabulary.enumerated() where ids[t] == nil { ids[t] = i }
        self.ids = ids
        tokenBytes = vocabulary.map { ByteUnicodeMap.decode($0) }
        // Some vocabularies lack a few control bytes; like llama.cpp, such bytes are dropped.
        byteIDs = (0..<256).map { ids[String(ByteUnicodeMap.scalars[$0])] ?? -1 }
        var merges: [UInt64: (Int32, Int32)] = [:]
        for (rank, line) in try gguf.requiredStrings("tokenizer.ggml.merges").enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let a = ids[String(parts[0])], let b = ids[String(parts[1])],
                  let m = ids[String(parts[0]) + String(parts[1])] else { continue }
            let key = UInt64(a) << 32 | UInt64(b)
            if merges[key] == nil { merges[key] = (Int32(rank), Int32(m)) }
        }
        self.merges = merges
        let vocab = vocabulary, kinds = types
        specials = vocab.indices
            .filter { [.control, .userDefined, .unknown].contains(kinds[$0]) && !vocab[$0].isEmpty }
            .map { (Array(vocab[$0].utf8), $0, kinds[$0] != .userDefined) }
            .sorted { $0.text.count != $1.text.count ? $0.text.count > $1.text.count : $0.id < $1.id }
        bosID = gguf.metadata["tokenizer.ggml.bos_token_id"]?.int
        eosID = gguf.metadata["tokenizer.ggml.eos_token_id"]?.int
        addBOS = gguf.metadata["tokenizer.ggml.add_bos_token"]?.bool ?? false
    }

    public var vocabularySize: Int { vocabulary.count }

    /// The id of a token spelled exactly `text`, if any.
    public func id(of text: String) -> Int? { ids[text] }

    /// True for control tokens such as `<|im_end|>`, which decode to nothing.
    public func isControl(_ id: Int) -> Bool { id >= 0 && id < types.count && types[id] == .control }

    /// Token ids for `text`. With `parseSpecial`, spelled-out special tokens become their ids.
    public func encode(_ text: String, parseSpecial: Bool = true, addBOS: Bool? = nil) -> [Int] {
        var out: [Int] = []
        if addBOS ?? self.addBOS, let bos = bosID { out.append(bos) }
        for fragment in partition(Array(text.utf8), parseSpecial: parseSpecial) {
            switch fragment {
            case .special(let id): out.append(id)
            case .text(let bytes):
                for piece in preTokenizer.pieces(String(decoding: bytes, as: UTF8.self)) {
                    encodePiece(Array(piece.utf8), into: &out)
                }
            }
        }
        return out
    }

    private enum Fragment { case text([UInt8]), special(Int) }

    private func partition(_ bytes: [UInt8], parseSpecial: Bool) -> [Fragment] {
        var fragments: [Fragment] = [.text(bytes)]
        for special in specials where parseSpecial || !special.control {
            var next: [Fragment] = []
            for fragment in fragments {
                guard case .text(let raw) = fragment else { next.append(fragment); continue }
                var start = 0
                var i = 0
                let n = special.text.count
                while i + n <= raw.count {
                    if raw[i] == special.text[0] && raw[i..<(i + n)].elementsEqual(special.text) {
                        if i > start { next.append(.text(Array(raw[start..<i]))) }
                        next.append(.special(special.id))
                        i += n
                        start = i
                    } else {
                        i += 1
                    }
                }
                if start < raw.count { next.append(.text(Array(raw[start...]))) }
            }
            fragments = next
        }
        return fragments
    }

    /// Applies merges to one pre-tokenized piece, lowest rank first and leftmost on ties.
    private func encodePiece(_ bytes: [UInt8], into out: inout [Int]) {
        var symbols = bytes.map { byteIDs[Int($0)] }
        while symbols.count > 1 {
            var best: (rank: Int32, index: Int, id: Int32)?
            for i in 0..<(symbols.count - 1) {
                guard symbols[i] >= 0, symbols[i + 1] >= 0 else { continue }
                let key = UInt64(symbols[i]) << 32 | UInt64(symbols[i + 1])
                if let m = merges[key], best == nil || m.rank < best!.rank { best = (m.rank, i, m.id) }
            }
            guard let merge = best else { break }
            symbols[merge.index] = Int(merge.id)
            symbols.remove(at: merge.index + 1)
        }
        out.append(contentsOf: symbols.filter { $0 >= 0 })
    }

    /// The UTF-8 bytes a token stands for; control tokens give none unless `special`.
    public func bytes(for id: Int, special: Bool = false) -> [UInt8] {
        guard id >= 0 && id < vocabulary.count else { return [] }
        switch types[id] {
        case .control: return special ? Array(vocabulary[id].utf8) : []
        case .userDefined, .unknown: return Array(vocabulary[id].utf8)
        default: return tokenBytes[id]
        }
    }

    /// Text for `ids`; invalid UTF-8 becomes U+FFFD.
    public func decode(_ ids: [Int], special: Bool = false) -> String {
        String(decoding: ids.flatMap { bytes(for: $0, special: special) }, as: UTF8.self)
    }
}
