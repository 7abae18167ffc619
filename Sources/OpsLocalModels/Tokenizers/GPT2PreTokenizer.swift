/// Splits text into the pieces that byte-level BPE merges within, as llama.cpp does for the
/// `smollm` (and `gpt2`) pre-tokenizers.
///
/// `smollm` first isolates every number character (`\p{N}`), then applies GPT-2's pattern
/// `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+` to each part.
struct GPT2PreTokenizer: Sendable {
    /// Isolate each number character before the GPT-2 pattern (the `smollm` variant).
    var splitDigits: Bool

    func pieces(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var parts: [Range<Int>] = []
        if splitDigits {
            var start = 0
            for (i, s) in scalars.enumerated() where Self.isNumber(s) {
                if start < i { parts.append(start..<i) }
                parts.append(i..<(i + 1))
                start = i + 1
            }
            if start < scalars.count { parts.append(start..<scalars.count) }
        } else if !scalars.isEmpty {
            parts = [0..<scalars.count]
        }
        var out: [String] = []
        for part in parts {
            for piece in splitGPT2(scalars, part) {
                out.append(String(String.UnicodeScalarView(scalars[piece])))
            }
        }
        return out
    }

    private enum Kind { case letter, number, space, other, end }

    private func splitGPT2(_ s: [Unicode.Scalar], _ range: Range<Int>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        let end = range.upperBound
        func kind(_ i: Int) -> Kind {
            guard i < end else { return .end }
            let c = s[i]
            if Self.isLetter(c) { return .letter }
            if Self.isNumber(c) { return .number }
            if Self.isSpace(c) { return .space }
            return .other
        }
        func char(_ i: Int) -> Unicode.Scalar? { i < end ? s[i] : nil }
        var start = range.lowerBound
        var pos = start
        func emit(_ to: Int) {
            if to > start { out.append(start..<to) }
            start = to
            pos = to
        }
        while pos < end {
            let c = s[pos]
            if c == "'", pos + 1 < end {
                let n = s[pos + 1]
                if n == "s" || n == "t" || n == "m" || n == "d" { emit(pos + 2); continue }
                if pos + 2 < end {
                    let nn = s[pos + 2]
                    if (n == "r" && nn == "e") || (n == "v" && nn == "e") || (n == "l" && nn == "l") {
                        emit(pos + 3); continue
                    }
                }
            }
            let lead = c == " " ? 1 : 0
            let k2 = c == " " ? kind(pos + 1) : kind(pos)
            if k2 == .letter || k2 == .number || k2 == .other {
                var p = pos + lead
                while kind(p) == k2 { p += 1 }
                emit(p)
                continue
            }
            var spaces = 0
            while kind(pos + spaces) == .space { spaces += 1 }
            if spaces > 1 && char(pos + spaces) != nil {
                emit(pos + spaces - 1)
                continue
            }
            if spaces > 0 { emit(pos + spaces); continue }
            emit(pos + 1)
        }
        return out
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isNumber(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.properties.isWhitespace
    }
}
