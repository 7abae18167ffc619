/// The Porter stemmer exactly as NLTK's `PorterStemmer()` runs it (its default `NLTK_EXTENSIONS`
/// mode), which is what rouge-score's `use_stemmer=True` calls.
///
/// Works on ASCII bytes; rouge-score only stems `[a-z0-9]+` tokens longer than three characters.
public struct PorterStemmer: Sendable {
    public init() {}

    /// The stem of `word`, lowercased first as NLTK does.
    public func stem(_ word: String) -> String {
        String(decoding: stem(Array(word.lowercased().utf8)), as: UTF8.self)
    }

    /// The stem of a lowercase ASCII word.
    func stem(_ word: [UInt8]) -> [UInt8] {
        if let irregular = Self.irregularForms[word] { return irregular }
        if word.count <= 2 { return word }
        var w = step1a(word)
        w = step1b(w)
        w = step1c(w)
        w = step2(w)
        w = step3(w)
        w = step4(w)
        w = step5a(w)
        return step5b(w)
    }

    // NLTK's extension: forms the algorithm would mangle map straight to their stem.
    private static let irregularForms: [[UInt8]: [UInt8]] = {
        let forms: [(String, [String])] = [
            ("sky", ["sky", "skies"]), ("die", ["dying"]), ("lie", ["lying"]), ("tie", ["tying"]),
            ("news", ["news"]), ("inning", ["innings", "inning"]), ("outing", ["outings", "outing"]),
            ("canning", ["cannings", "canning"]), ("howe", ["howe"]), ("proceed", ["proceed"]),
            ("exceed", ["exceed"]), ("succeed", ["succeed"]),
        ]
        var pool: [[UInt8]: [UInt8]] = [:]
        for (stem, words) in forms {
            for word in words { pool[Array(word.utf8)] = Array(stem.utf8) }
        }
        return pool
    }()

    // MARK: - Word shape

    /// Porter's consonant test for every position: a `y` is a consonant at the start or after a vowel.
    static func consonantFlags(_ w: ArraySlice<UInt8>) -> [Bool] {
        var flags: [Bool] = []
        flags.reserveCapacity(w.count)
        for (i, c) in w.enumerated() {
            if isVowel(c) {
                flags.append(false)
            } else if c == UInt8(ascii: "y") {
                flags.append(i == 0 ? true : !flags[i - 1])
            } else {
                flags.append(true)
            }
        }
        return flags
    }

    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i")
            || c == UInt8(ascii: "o") || c == UInt8(ascii: "u")
    }

    static func isConsonant(_ w: ArraySlice<UInt8>, _ i: Int) -> Bool {
        consonantFlags(w[w.startIndex..<(w.startIndex + i + 1)])[i]
    }

    /// m in Porter's [C](VC)^m[V]: the number of vowel-consonant transitions.
    static func measure(_ w: ArraySlice<UInt8>) -> Int {
        let flags = consonantFlags(w)
        var m = 0
        var i = 1
        while i < flags.count {
            if !flags[i - 1] && flags[i] { m += 1 }
            i += 1
        }
        return m
    }

    static func containsVowel(_ w: ArraySlice<UInt8>) -> Bool {
        consonantFlags(w).contains(false)
    }

    static func endsDoubleConsonant(_ w: ArraySlice<UInt8>) -> Bool {
        w.count >= 2 && w[w.endIndex - 1] == w[w.endIndex - 2] && isConsonant(w, w.count - 1)
    }

    /// Ends consonant-vowel-consonant with the last not w, x or y; NLTK also accepts a two-letter
    /// vowel-consonant word.
    static func endsCVC(_ w: ArraySlice<UInt8>) -> Bool {
        let n = w.count
        if n >= 3 {
            let flags = consonantFlags(w)
            let last = w[w.endIndex - 1]
            if flags[n - 3] && !flags[n - 2] && flags[n - 1]
                && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y") {
                return true
            }
        }
        if n == 2 {
            let flags = consonantFlags(w)
            return !flags[0] && flags[1]
        }
        return false
    }
}
