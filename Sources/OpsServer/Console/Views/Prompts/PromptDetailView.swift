import OpsCore

/// `GET /prompts/{name}`: versions, labels, the label history, a diff form and one version's body.
struct PromptDetailView {
    struct VersionRow {
        var number: Int
        var href: String
        var kind: String
        var model: String
        var author: String
        var message: String
        var time: String
        var labels: String
        var playHref: String
        var shown: Bool
    }

    struct LabelRow {
        var label: String
        var version: Int
        var updated: String
    }

    struct MoveRow {
        var label: String
        var from: String
        var to: Int
        var actor: String
        var time: String
        var rollback: Bool
    }

    var name: String
    var base: String
    var versions: [VersionRow]
    var labels: [LabelRow]
    var moves: [MoveRow]
    var hasLabels: Bool
    var hasMoves: Bool
    var fromOptions: [SelectOption]
    var toOptions: [SelectOption]
    var canDiff: Bool
    var shownNumber: Int
    var shown: PromptBodyView
    var variables: String

    init(name: String, versions all: [PromptVersion], shown: PromptVersion, labels: [PromptLabel], moves: [LabelMove]) {
        self.name = name
        base = "/prompts/" + ConsoleFormat.queryValue(name)
        let base = self.base
        let labelsByVersion = Dictionary(grouping: labels, by: \.version)
        versions = all.reversed().map { version in
            VersionRow(number: version.number, href: "\(base)?version=\(version.number)", kind: version.kind.rawValue,
                       model: version.config["model"]?.stringValue ?? "—", author: version.author,
                       message: version.commitMessage.isEmpty ? "—" : version.commitMessage, time: ConsoleFormat.time(version.createdAt),
                       labels: (labelsByVersion[version.number] ?? []).map(\.label).sorted().joined(separator: ", "),
                       playHref: "\(base)/playground?version=\(version.number)", shown: version.number == shown.number)
        }
        self.labels = labels.sorted { $0.label < $1.label }.map {
            LabelRow(label: $0.label, version: $0.version, updated: ConsoleFormat.time($0.updatedAt))
        }
        self.moves = moves.reversed().map {
            MoveRow(label: $0.label, from: $0.from.map { "v\($0)" } ?? "(new)", to: $0.to, actor: $0.actor,
                    time: ConsoleFormat.time($0.at), rollback: $0.isRollback)
        }
        hasLabels = !self.labels.isEmpty
        hasMoves = !self.moves.isEmpty
        let numbers = all.map { String($0.number) }
        let latest = all.last?.number ?? 1
        fromOptions = SelectOption.list(numbers, selected: String(max(1, latest - 1)), label: { "v\($0)" })
        toOptions = SelectOption.list(numbers, selected: String(latest), label: { "v\($0)" })
        canDiff = all.count > 1
        shownNumber = shown.number
        self.shown = PromptBodyView(shown)
        let names = (try? shown.variables()) ?? []
        variables = names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}
