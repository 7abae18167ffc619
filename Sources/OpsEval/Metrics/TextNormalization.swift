/// How text is normalized before an exact or substring comparison.
public struct TextNormalization: Sendable, Hashable {
    /// Compare case-insensitively (Unicode lowercase mapping).
    public var ignoreCase: Bool
    /// Trim the ends and collapse every run of whitespace to one space.
    public var collapseWhitespace: Bool
    /// Drop Unicode punctuation and symbol characters.
    public var removePunctuation: Bool

    public init(ignoreCase: Bool = false, collapseWhitespace: Bool = false, removePunctuation: Bool = false) {
        self.ignoreCase = ignoreCase
        self.collapseWhitespace = collapseWhitespace
        self.removePunctuation = removePunctuation
    }

    /// No normalization: strings compare as given.
    public static let none = TextNormalization()
    /// Case, whitespace and punctuation all ignored (SQuAD-style lenient match).
    public static let lenient = TextNormalization(ignoreCase: true, collapseWhitespace: true, removePunctuation: true)

    /// `text` normalized.
    public func apply(_ text: String) -> String {
        var s = text
        if removePunctuation {
            s.unicodeScalars.removeAll { $0.properties.generalCategory.isPunctuationOrSymbol }
        }
        if ignoreCase { s = s.lowercased() }
        if collapseWhitespace {
            s = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        return s
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
