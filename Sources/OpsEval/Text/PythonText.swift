/// The pieces of Python's `str` semantics that the reference metrics depend on, over Unicode
/// scalars (Python strings index code points; Swift `Character` would merge combining marks and
/// compare canonically, which sacrebleu does not).
enum PythonText {
    /// `str.isspace()`: the characters `str.split()` and `str.rstrip()` treat as whitespace.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        if c < 0x80 { return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) }
        switch c {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The code points of `s`.
    static func scalars(_ s: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars { out.append(u.value) }
        return out
    }

    /// `str.split()` with no argument: runs of whitespace separate, leading/trailing runs vanish.
    static func split(_ s: [UInt32]) -> [ArraySlice<UInt32>] {
        var tokens: [ArraySlice<UInt32>] = []
        var start = -1
        for i in s.indices {
            if isSpace(s[i]) {
                if start >= 0 { tokens.append(s[start..<i]); start = -1 }
            } else if start < 0 {
                start = i
            }
        }
        if start >= 0 { tokens.append(s[start..<s.count]) }
        return tokens
    }

    /// `str.rstrip()`.
    static func rstrip(_ s: [UInt32]) -> [UInt32] {
        var end = s.count
        while end > 0 && isSpace(s[end - 1]) { end -= 1 }
        return end == s.count ? s : Array(s[0..<end])
    }

    /// `''.join(s.split())`: the string with every whitespace character removed.
    static func removingSpaces(_ s: [UInt32]) -> [UInt32] {
        s.filter { !isSpace($0) }
    }

    /// `str.replace(old, new)`: non-overlapping occurrences, left to right.
    static func replace(_ s: [UInt32], _ old: [UInt32], _ new: [UInt32]) -> [UInt32] {
        guard !old.isEmpty, s.count >= old.count, s.contains(old[0]) else { return s }
        var out: [UInt32] = []
        out.reserveCapacity(s.count)
        var i = 0
        let first = old[0]
        while i < s.count {
            if s[i] == first && i + old.count <= s.count && s[i..<(i + old.count)].elementsEqual(old) {
                out.append(contentsOf: new)
                i += old.count
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// Stands in for Python's `str.lower()` (BLEU and chrF `lowercase` options). Both apply the
    /// full Unicode lowercase mapping; they can differ only in rare context-dependent cases.
    static func lowercased(_ s: String) -> String { s.lowercased() }
}
