/// How clients name a dataset version: `NAME` (the newest) or `NAME@HASH` (the full content hash
/// or a prefix of at least 6 hex digits, as `git` takes commit prefixes).
public struct DatasetReference: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// The hash or prefix, lowercased; nil means the newest version.
    public var hash: String?

    public init(name: String, hash: String? = nil) {
        self.name = name
        self.hash = hash
    }

    /// Parses `NAME` or `NAME@HASH`; errors name `param`.
    public init(parsing text: String, param: String = "dataset") throws(OpsError) {
        let parts = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty, parts.count == 1 || !parts[1].isEmpty else {
            throw .invalid("'\(text)' is not a dataset reference; write NAME or NAME@HASH", param: param)
        }
        try Prompt.validateName(name, param: param, what: "dataset")
        if parts.count == 2 {
            try Self.validatePrefix(parts[1], param: param)
            self.init(name: name, hash: parts[1].lowercased())
        } else {
            self.init(name: name)
        }
    }

    /// A version prefix: 6 to 64 hex digits.
    public static func validatePrefix(_ prefix: String, param: String = "dataset") throws(OpsError) {
        guard prefix.count >= 6, prefix.count <= 64 else {
            throw .invalid("A dataset version needs 6 to 64 hex digits of its hash, got '\(prefix)'", param: param)
        }
        guard prefix.allSatisfy(\.isHexDigit) else {
            throw .invalid("The dataset version '\(prefix)' is not hexadecimal", param: param)
        }
    }

    public var description: String { hash.map { "\(name)@\($0)" } ?? name }
}
