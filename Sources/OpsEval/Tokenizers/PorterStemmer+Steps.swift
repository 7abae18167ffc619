/// The eight steps of the algorithm, with NLTK's extensions, as ordered suffix rules: the first rule
/// whose suffix matches decides, whether or not its condition holds.
extension PorterStemmer {
    /// A rule's condition, tested on the word without the suffix.
    enum Condition {
        case always, positiveMeasure, measureAboveOne, measureOneAndCVC, consonantBeforeY, stemEndsSOrT
        /// NLTK's `logi` rule tests the word minus three letters, i.e. keeping the `l`.
        case positiveMeasureKeepingOneLetter

        func holds(_ stem: ArraySlice<UInt8>, word: [UInt8]) -> Bool {
            switch self {
            case .always: return true
            case .positiveMeasure: return PorterStemmer.measure(stem) > 0
            case .measureAboveOne: return PorterStemmer.measure(stem) > 1
            case .measureOneAndCVC: return PorterStemmer.measure(stem) == 1 && PorterStemmer.endsCVC(stem)
            case .consonantBeforeY: return stem.count > 1 && PorterStemmer.isConsonant(stem, stem.count - 1)
            case .stemEndsSOrT:
                return PorterStemmer.measure(stem) > 1
                    && (stem.last == UInt8(ascii: "s") || stem.last == UInt8(ascii: "t"))
            case .positiveMeasureKeepingOneLetter:
                return PorterStemmer.measure(word[0..<(word.count - 3)]) > 0
            }
        }
    }

    struct Rule {
        var suffix: [UInt8]
        var replacement: [UInt8]
        var condition: Condition

        init(_ suffix: String, _ replacement: String, _ condition: Condition = .always) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    static func applyRules(_ word: [UInt8], _ rules: [Rule]) -> [UInt8] {
        for rule in rules where word.ends(with: rule.suffix) {
            let stem = word[0..<(word.count - rule.suffix.count)]
            return rule.condition.holds(stem, word: word) ? Array(stem) + rule.replacement : word
        }
        return word
    }

    func step1a(_ w: [UInt8]) -> [UInt8] {
        if w.count == 4 && w.ends(with: Self.ies) { return [w[0], UInt8(ascii: "i"), UInt8(ascii: "e")] }
        return Self.applyRules(w, Self.step1aRules)
    }

    func step1b(_ w: [UInt8]) -> [UInt8] {
        if w.ends(with: Self.ied) {
            return Array(w[0..<(w.count - 3)]) + (w.count == 4 ? [UInt8(ascii: "i"), UInt8(ascii: "e")] : [UInt8(ascii: "i")])
        }
        if w.ends(with: Self.eed) {
            let stem = w[0..<(w.count - 3)]
            return Self.measure(stem) > 0 ? Array(stem) + [UInt8(ascii: "e"), UInt8(ascii: "e")] : w
        }
        var intermediate: [UInt8]?
        for suffix in [Self.ed, Self.ing] where w.ends(with: suffix) {
            let stem = w[0..<(w.count - suffix.count)]
            if Self.containsVowel(stem) {
                intermediate = Array(stem)
                break
            }
        }
        guard let stem = intermediate else { return w }
        for rule in Self.step1bRules where stem.ends(with: rule.suffix) {
            return Array(stem[0..<(stem.count - rule.suffix.count)]) + rule.replacement
        }
        // `*d`: a double consonant loses one letter unless it is l, s or z.
        if Self.endsDoubleConsonant(stem[...]) {
            let last = stem[stem.count - 1]
            if last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z") { return stem }
            return Array(stem[0..<(stem.count - 1)])
        }
        return Condition.measureOneAndCVC.holds(stem[...], word: stem) ? stem + [UInt8(ascii: "e")] : stem
    }

    func step1c(_ w: [UInt8]) -> [UInt8] { Self.applyRules(w, Self.step1cRules) }

    func step2(_ w: [UInt8]) -> [UInt8] {
        if w.ends(with: Self.alli) && Self.measure(w[0..<(w.count - 4)]) > 0 {
            return step2(Array(w[0..<(w.count - 4)]) + [UInt8(ascii: "a"), UInt8(ascii: "l")])
        }
        return Self.applyRules(w, Self.step2Rules)
    }

    func step3(_ w: [UInt8]) -> [UInt8] { Self.applyRules(w, Self.step3Rules) }

    func step4(_ w: [UInt8]) -> [UInt8] { Self.applyRules(w, Self.step4Rules) }

    func step5a(_ w: [UInt8]) -> [UInt8] {
        guard w.last == UInt8(ascii: "e") else { return w }
        let stem = w[0..<(w.count - 1)]
        let m = Self.measure(stem)
        if m > 1 || (m == 1 && !Self.endsCVC(stem)) { return Array(stem) }
        return w
    }

    func step5b(_ w: [UInt8]) -> [UInt8] {
        guard w.ends(with: Self.ll) else { return w }
        return Self.measure(w[0..<(w.count - 1)]) > 1 ? Array(w[0..<(w.count - 1)]) : w
    }

    private static let ies = Array("ies".utf8), ied = Array("ied".utf8), eed = Array("eed".utf8)
    private static let ed = Array("ed".utf8), ing = Array("ing".utf8), alli = Array("alli".utf8)
    private static let ll = Array("ll".utf8)

    private static let step1aRules = [Rule("sses", "ss"), Rule("ies", "i"), Rule("ss", "ss"), Rule("s", "")]
    private static let step1bRules = [Rule("at", "ate"), Rule("bl", "ble"), Rule("iz", "ize")]
    private static let step1cRules = [Rule("y", "i", .consonantBeforeY)]
    private static let step2Rules: [Rule] = [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
        ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
        ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
        ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"),
        ("fulli", "ful"),
    ].map { Rule($0.0, $0.1, .positiveMeasure) } + [Rule("logi", "log", .positiveMeasureKeepingOneLetter)]
    private static let step3Rules: [Rule] = [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ].map { Rule($0.0, $0.1, .positiveMeasure) }
    private static let step4Rules: [Rule] = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
    ].map { Rule($0, "", .measureAboveOne) } + [Rule("ion", "", .stemEndsSOrT)]
        + ["ou", "ism", "ate", "iti", "ous", "ive", "ize"].map { Rule($0, "", .measureAboveOne) }
}

extension Array where Element == UInt8 {
    @inline(__always)
    func ends(with suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        var i = count - suffix.count
        for c in suffix {
            if self[i] != c { return false }
            i += 1
        }
        return true
    }
}
