/// The difference between two prompt versions: a line diff of their bodies, shown as a unified
/// diff, and the configuration keys that changed.
public struct PromptDiff: Sendable, Hashable {
    /// One line of the edit script.
    public enum Line: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// A configuration key whose value differs; nil on one side means the key is absent there.
    public struct ConfigChange: Sendable, Hashable {
        public var key: String
        public var old: JSONValue?
        public var new: JSONValue?
    }

    public var oldLabel: String
    public var newLabel: String
    /// Every line of both bodies, in edit-script order.
    public var lines: [Line]
    /// Changed configuration keys, in the order of the old config, then keys only the new one has.
    public var configChanges: [ConfigChange]

    /// Diffs the bodies line by line (longest common subsequence) and the configs key by key.
    public init(from old: PromptVersion, to new: PromptVersion) {
        self.init(oldText: old.diffText, newText: new.diffText, oldConfig: old.config, newConfig: new.config,
                  oldLabel: "\(old.name)@\(old.number)", newLabel: "\(new.name)@\(new.number)")
    }

    public init(oldText: String, newText: String, oldConfig: JSONObject = JSONObject(),
                newConfig: JSONObject = JSONObject(), oldLabel: String = "a", newLabel: String = "b") {
        self.oldLabel = oldLabel
        self.newLabel = newLabel
        lines = LineDiff.diff(Self.split(oldText), Self.split(newText))
        var changes: [ConfigChange] = []
        for (key, value) in oldConfig where newConfig[key] != value {
            changes.append(ConfigChange(key: key, old: value, new: newConfig[key]))
        }
        for (key, value) in newConfig where oldConfig[key] == nil {
            changes.append(ConfigChange(key: key, old: nil, new: value))
        }
        configChanges = changes
    }

    private static func split(_ text: String) -> [String] {
        // Split on bytes: as Characters, "\r\n" is one grapheme and would not split on "\n".
        text.isEmpty ? [] : Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
        }
    }

    /// Whether the bodies and configs are the same.
    public var isEmpty: Bool {
        configChanges.isEmpty && lines.allSatisfy { if case .same = $0 { return true } else { return false } }
    }

    /// The body diff in unified format (`--- a`, `+++ b`, `@@ -l,n +l,n @@` hunks with `context` lines
    /// around each change), followed by the changed config keys; empty when nothing changed.
    public func unified(context: Int = 3) -> String {
        var out: [String] = []
        let hunks = LineDiff.hunks(lines, context: context)
        if !hunks.isEmpty {
            out.append("--- \(oldLabel)")
            out.append("+++ \(newLabel)")
            for hunk in hunks { out.append(contentsOf: hunk) }
        }
        if !configChanges.isEmpty {
            out.append("config:")
            for change in configChanges {
                let old = change.old?.serializedString() ?? "(unset)"
                let new = change.new?.serializedString() ?? "(unset)"
                out.append("  \(change.key): \(old) -> \(new)")
            }
        }
        return out.isEmpty ? "" : out.joined(separator: "\n") + "\n"
    }
}

extension PromptVersion {
    /// The body as lines for diffing: the text, or each message as a `[role]` line followed by its text.
    public var diffText: String {
        switch body {
        case .text(let text): return text
        case .chat(let messages): return messages.map { "[\($0.role)]\n\($0.text)" }.joined(separator: "\n")
        }
    }
}
