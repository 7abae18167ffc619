import OpsCore

/// `GET /prompts/{name}/diff?from=A&to=B`: the two bodies line by line (removed, added, unchanged)
/// and the configuration keys that changed.
struct PromptDiffView {
    struct Line {
        var kind: String
        var sign: String
        var text: String
    }

    struct ConfigRow {
        var key: String
        var old: String
        var new: String
    }

    var name: String
    var base: String
    var fromLabel: String
    var toLabel: String
    var lines: [Line]
    var configChanges: [ConfigRow]
    var hasConfigChanges: Bool
    var identical: Bool
    var added: Int
    var removed: Int
    var unified: String

    init(name: String, diff: PromptDiff) {
        self.name = name
        base = "/prompts/" + ConsoleFormat.queryValue(name)
        fromLabel = diff.oldLabel
        toLabel = diff.newLabel
        lines = diff.lines.map { line in
            switch line {
            case .same(let text): return Line(kind: "same", sign: " ", text: text)
            case .removed(let text): return Line(kind: "removed", sign: "-", text: text)
            case .added(let text): return Line(kind: "added", sign: "+", text: text)
            }
        }
        added = lines.filter { $0.kind == "added" }.count
        removed = lines.filter { $0.kind == "removed" }.count
        configChanges = diff.configChanges.map {
            ConfigRow(key: $0.key, old: $0.old?.serializedString() ?? "(unset)", new: $0.new?.serializedString() ?? "(unset)")
        }
        hasConfigChanges = !configChanges.isEmpty
        identical = diff.isEmpty
        unified = diff.unified()
    }
}
