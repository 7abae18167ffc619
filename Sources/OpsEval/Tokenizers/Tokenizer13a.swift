/// sacrebleu's default BLEU tokenizer (`13a`, the mteval-v13a.pl rules used by WMT).
///
/// Works on code points and reproduces each of sacrebleu's regular-expression passes as a scan with
/// the same left-to-right, non-overlapping match semantics as Python's `re.sub`.
public struct Tokenizer13a: Sendable {
    public init() {}

    /// The tokens of `line`, after sacrebleu's `rstrip()` and 13a rules.
    func tokenize(_ line: String) -> [ArraySlice<UInt32>] {
        PythonText.split(tokenizedScalars(line))
    }

    /// The tokenized line joined with single spaces, as sacrebleu's tokenizer returns it.
    public func callAsFunction(_ line: String) -> String {
        let tokens = tokenize(line)
        var view = String.UnicodeScalarView()
        for (i, token) in tokens.enumerated() {
            if i > 0 { view.append(" ") }
            for c in token { view.append(Unicode.Scalar(c)!) }
        }
        return String(view)
    }

    func tokenizedScalars(_ line: String) -> [UInt32] {
        var s = PythonText.rstrip(PythonText.scalars(line))
        s = PythonText.replace(s, Self.skipped, [])
        s = PythonText.replace(s, [0x2D, 0x0A], [])
        s = PythonText.replace(s, [0x0A], [0x20])
        if s.contains(0x26) {
            s = PythonText.replace(s, Self.quot, [0x22])
            s = PythonText.replace(s, Self.amp, [0x26])
            s = PythonText.replace(s, Self.lt, [0x3C])
            s = PythonText.replace(s, Self.gt, [0x3E])
        }
        s = Self.isolateSymbols(s)
        s = Self.substitutePairs(s, first: { !Self.isDigit($0) }, second: Self.isPeriodOrComma,
                                 spaceBefore: false, spaceAfter: true)
        s = Self.substitutePairs(s, first: Self.isPeriodOrComma, second: { !Self.isDigit($0) },
                                 spaceBefore: true, spaceAfter: false)
        s = Self.substitutePairs(s, first: Self.isDigit, second: { $0 == 0x2D },
                                 spaceBefore: false, spaceAfter: true)
        return s
    }

    // `s/([\{-\~\[-\` -\&\(-\+\:-\@\/])/ \1 /g` on the line padded with one space each side.
    private static func isolateSymbols(_ s: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count * 2 + 8)
        out.append(contentsOf: [0x20, 0x20, 0x20])
        for c in s {
            if isSymbol(c) {
                out.append(0x20); out.append(c); out.append(0x20)
            } else {
                out.append(c)
            }
        }
        out.append(contentsOf: [0x20, 0x20, 0x20])
        return out
    }

    // `s/(A)(B)/\1 \2 /g` (or ` \1 \2`): a two-character match consumes both characters,
    // so the scan resumes after the pair, exactly as `re.sub` does.
    private static func substitutePairs(
        _ s: [UInt32], first: (UInt32) -> Bool, second: (UInt32) -> Bool,
        spaceBefore: Bool, spaceAfter: Bool
    ) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(s.count + s.count / 4 + 4)
        var i = 0
        while i < s.count {
            if i + 1 < s.count && first(s[i]) && second(s[i + 1]) {
                if spaceBefore { out.append(0x20) }
                out.append(s[i]); out.append(0x20); out.append(s[i + 1])
                if spaceAfter { out.append(0x20) }
                i += 2
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    @inline(__always)
    private static func isSymbol(_ c: UInt32) -> Bool {
        (0x7B...0x7E).contains(c) || (0x5B...0x60).contains(c) || (0x20...0x26).contains(c)
            || (0x28...0x2B).contains(c) || (0x3A...0x40).contains(c) || c == 0x2F
    }

    @inline(__always)
    private static func isDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }

    @inline(__always)
    private static func isPeriodOrComma(_ c: UInt32) -> Bool { c == 0x2E || c == 0x2C }

    private static let skipped = PythonText.scalars("<skipped>")
    private static let quot = PythonText.scalars("&quot;")
    private static let amp = PythonText.scalars("&amp;")
    private static let lt = PythonText.scalars("&lt;")
    private static let gt = PythonText.scalars("&gt;")
}
