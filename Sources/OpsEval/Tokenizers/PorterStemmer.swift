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
    // These run for every suffix rule tried, so they scan without allocating.

    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i")
            || c == UInt8(ascii: "o") || c == UInt8(ascii: "u")
    }

    /// Porter's consonant test at offset `i`: a `y` is a consonant at the start or after a vowel.
    static func isConsonant(_ w: ArraySlice<UInt8>, _ i: Int) -> Bool {
        var consonant = true
        var k = 0
        for c in w {
            consonant = isVowel(c) ? false : (c == UInt8(ascii: "y") ? (k == 0 ? true : !consonant) : true)
            if k == i { return consonant }
            k += 1
        }
        return consonant
    }

    /// m in Porter's [C](VC)^m[V]: the number of vowel-consonant transitions.
    static func measure(_ w: ArraySlice<UInt8>) -> Int {
        var m = 0
        var previous = false
        var first = true
        for c in w {
            let consonant = isVowel(c) ? false : (c == UInt8(ascii: "y") ? (first ? true : !previous) : true)
            if !first && !previous && consonant { m += 1 }
            previous = consonant
            first = false
        }
        return m
    }

    static func containsVowel(_ w: ArraySlice<UInt8>) -> Bool {
        var previous = false
        var first = true
        for c in w {
            let consonant = isVowel(c) ? false : (c == UInt8(ascii: "y") ? (first ? true : !previous) : true)
            if !consonant { return true }
            previous = consonant
            first = false
        }
        return false
    }

    static func endsDoubleConsonant(_ w: ArraySlice<UInt8>) -> Bool {
        w.count >= 2 && w[w.endIndex - 1] == w[w.endIndex - 2] && isConsonant(w, w.count - 1)
    }

    /// Ends consonant-vowel-consonant with the last not w, x or y; NLTK also accepts a two-letter
    /// vowel-consonant word.
    static func endsCVC(_ w: ArraySlice<UInt8>) -> Bool {
        let n = w.count
        if n >= 3 {
            let last = w[w.endIndex - 1]
            if isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)
                && last != UInt8(ascii: "w") && last != UInt8(ascii: "x") && last != UInt8(ascii: "y") {
                return true
            }
        }
        if n == 2 { return !isConsonant(w, 0) && isConsonant(w, 1) }
        return false
    }
}
