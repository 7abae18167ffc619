import Foundation

/// A regular expression compiled once and searched many times (the regex metric, JSON Schema's
/// `pattern` and `patternProperties`). Matching is ICU's, through `NSRegularExpression`.
public final class CompiledPattern: @unchecked Sendable {
    // NSRegularExpression is immutable once built and documented as safe to share across threads.
    private let regex: NSRegularExpression
    /// The source text of the pattern.
    public let pattern: String

    /// Compiles `pattern`; an invalid one throws `EvalError.invalidPattern` saying what is wrong.
    /// With `wholeText`, a match must span the whole text instead of occurring anywhere in it.
    public init(_ pattern: String, caseInsensitive: Bool = false, wholeText: Bool = false) throws {
        self.pattern = pattern
        let options: NSRegularExpression.Options = caseInsensitive ? [.caseInsensitive] : []
        do {
            let plain = try NSRegularExpression(pattern: pattern, options: options)
            regex = wholeText ? try NSRegularExpression(pattern: "\\A(?:\(pattern))\\z", options: options) : plain
        } catch {
            throw EvalError.invalidPattern(pattern: pattern, reason: Self.reason(pattern))
        }
    }

    /// True when the pattern matches in `text` (anywhere, like ECMA-262 `test`, unless `wholeText`).
    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    // Foundation's error on Linux only says "the value is invalid"; Swift's own regex parser
    // explains the problem ("expected ')'"), so ask it for the reason.
    private static func reason(_ pattern: String) -> String {
        do {
            _ = try Regex(pattern)
            return "the pattern is not valid ICU regular expression syntax"
        } catch {
            return "\(error)"
        }
    }
}
