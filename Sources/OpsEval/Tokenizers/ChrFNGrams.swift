/// The n-grams chrF compares: character n-grams of the line without whitespace, and (chrF++)
/// word n-grams of the line with one leading or trailing punctuation mark split off each word.
struct ChrFNGrams {
    let charOrder: Int
    let wordOrder: Int
    let includeWhitespace: Bool

    /// One table per order: character orders 1…charOrder, then word orders 1…wordOrder.
    func extract(_ line: String, interner: inout TokenInterner<ArraySlice<UInt32>>) -> [NGramTable] {
        let scalars = PythonText.scalars(line)
        let chars = includeWhitespace ? scalars : PythonText.removingSpaces(scalars)
        var tables = (1...charOrder).map { NGramCounter.characters(chars, order: $0) }
        if wordOrder > 0 {
            let ids = interner.ids(Self.splitPunctuation(scalars))
            for n in 1...wordOrder { tables.append(NGramCounter.words(ids, order: n)) }
        }
        return tables
    }

    /// sacrebleu's `_remove_punctuation` (after Popović's chrF++.py): a word longer than one
    /// character loses a trailing punctuation mark, or else a leading one, as a separate token.
    static func splitPunctuation(_ scalars: [UInt32]) -> [ArraySlice<UInt32>] {
        var out: [ArraySlice<UInt32>] = []
        for word in PythonText.split(scalars) {
            if word.count == 1 {
                out.append(word)
            } else if isPunctuation(word[word.endIndex - 1]) {
                out.append(word[word.startIndex..<(word.endIndex - 1)])
                out.append(word[(word.endIndex - 1)...])
            } else if isPunctuation(word[word.startIndex]) {
                out.append(word[word.startIndex...word.startIndex])
                out.append(word[(word.startIndex + 1)...])
            } else {
                out.append(word)
            }
        }
        return out
    }

    // ASCII punctuation, `string.punctuation` in Python.
    @inline(__always)
    static func isPunctuation(_ c: UInt32) -> Bool {
        (0x21...0x2F).contains(c) || (0x3A...0x40).contains(c) || (0x5B...0x60).contains(c)
            || (0x7B...0x7E).contains(c)
    }
}
