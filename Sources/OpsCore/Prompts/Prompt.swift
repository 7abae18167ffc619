import Foundation

/// A named prompt in the registry. Its content lives in immutable, numbered `PromptVersion`s;
/// `PromptLabel`s such as `production` point at one version each.
public struct Prompt: Sendable, Hashable {
    /// The name clients fetch it by (`support-answer`, `summarize.v2`).
    public var name: String
    /// When its first version was created.
    public var createdAt: Date
    /// The highest version number.
    public var latestVersion: Int
    /// Its labels, by label name.
    public var labels: [String: Int]

    public init(name: String, createdAt: Date, latestVersion: Int, labels: [String: Int] = [:]) {
        self.name = name
        self.createdAt = createdAt
        self.latestVersion = latestVersion
        self.labels = labels
    }

    /// Checks a prompt name: letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most
    /// 128 characters. `@` and `/` are excluded because references (`name@label`) and URLs use them.
    /// `what` names the kind of thing in messages (`dataset` for datasets, which follow the same rule).
    public static func validateName(_ name: String, param: String = "name", what: String = "prompt") throws(OpsError) {
        guard !name.isEmpty else { throw .invalid("The \(what) name is empty", param: param) }
        guard name.utf8.count <= 128 else {
            throw .invalid("The \(what) name is longer than 128 characters", param: param)
        }
        guard let first = name.unicodeScalars.first, isAlphanumeric(first) else {
            throw .invalid("The \(what) name '\(name)' must start with a letter or a digit", param: param)
        }
        for scalar in name.unicodeScalars where !isAlphanumeric(scalar) && !"._-".unicodeScalars.contains(scalar) {
            throw .invalid("The \(what) name '\(name)' contains '\(scalar)'; use letters, digits, '.', '_' and '-'",
                           param: param)
        }
    }

    /// Checks a label name: like a prompt name, but not all digits (`name@3` means version 3).
    public static func validateLabel(_ label: String, param: String = "label") throws(OpsError) {
        guard !label.isEmpty else { throw .invalid("The label is empty", param: param) }
        guard label.utf8.count <= 64 else { throw .invalid("The label is longer than 64 characters", param: param) }
        for scalar in label.unicodeScalars where !isAlphanumeric(scalar) && !"._-".unicodeScalars.contains(scalar) {
            throw .invalid("The label '\(label)' contains '\(scalar)'; use letters, digits, '.', '_' and '-'",
                           param: param)
        }
        if label.allSatisfy(\.isASCIIDigit) {
            throw .invalid("The label '\(label)' is all digits, which reads as a version number", param: param)
        }
        if label == "latest" {
            throw .invalid("The label 'latest' is reserved: it always means the newest version", param: param)
        }
    }

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
