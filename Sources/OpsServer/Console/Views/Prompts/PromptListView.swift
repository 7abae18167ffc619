import OpsCore

/// `GET /prompts`: every prompt of the project with its newest version and labels.
struct PromptListView {
    struct Row {
        var name: String
        var href: String
        var latest: Int
        var labels: String
        var created: String
    }

    var rows: [Row]
    var hasRows: Bool

    init(prompts: [Prompt]) {
        rows = prompts.map { prompt in
            Row(name: prompt.name, href: "/prompts/" + ConsoleFormat.queryValue(prompt.name), latest: prompt.latestVersion,
                labels: prompt.labels.isEmpty ? "—" : prompt.labels.keys.sorted().map { "\($0) → v\(prompt.labels[$0]!)" }
                    .joined(separator: ", "),
                created: ConsoleFormat.time(prompt.createdAt))
        }
        hasRows = !rows.isEmpty
    }
}
