/// Hypotheses and references paired line by line, the way `llmops score` and sacrebleu take files:
/// line i of the hypothesis text pairs with line i of every reference text.
public struct LineCorpus: Sendable, Equatable {
    /// One output per line.
    public var hypotheses: [String]
    /// For each hypothesis, its references in the order the reference texts were given.
    public var references: [[String]]

    /// Pairs the lines of `hypothesis` with those of each text in `references`. Names are only
    /// for the error when line counts differ, which says which text has how many lines.
    /// With `unescapeNewlines`, the two characters `\n` in a line become a newline (ROUGE-Lsum
    /// sentence breaks in a one-line-per-pair file).
    public init(hypothesis: (name: String, text: String), references: [(name: String, text: String)],
                unescapeNewlines: Bool = false) throws {
        let prepare: (String) -> [String] = { text in
            let lines = Self.lines(text)
            return unescapeNewlines ? lines.map(Self.unescapingNewlines) : lines
        }
        hypotheses = prepare(hypothesis.text)
        let referenceLines = references.map { (name: $0.name, lines: prepare($0.text)) }
        for file in referenceLines where file.lines.count != hypotheses.count {
            throw EvalError.countMismatch(
                "\(hypothesis.name) has \(hypotheses.count) lines but \(file.name) has \(file.lines.count); each line "
                    + "of the hypothesis file pairs with the same line of every reference file")
        }
        self.references = hypotheses.indices.map { i in referenceLines.map { $0.lines[i] } }
    }

    /// The lines of `text`: split on `\n` only (a `\r` before it is dropped), empty lines kept,
    /// no extra empty line after a final newline.
    public static func lines(_ text: String) -> [String] {
        // Splitting unicode scalars, not Characters: "\r\n" is one Character and would not split.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func unescapingNewlines(_ line: String) -> String {
        guard line.contains("\\") else { return line }
        var out = String.UnicodeScalarView()
        var escaped = false
        for u in line.unicodeScalars {
            if escaped {
                if u == "n" { out.append("\n") } else { out.append("\\"); out.append(u) }
                escaped = false
            } else if u == "\\" {
                escaped = true
            } else {
                out.append(u)
            }
        }
        if escaped { out.append("\\") }
        return String(out)
    }
}
