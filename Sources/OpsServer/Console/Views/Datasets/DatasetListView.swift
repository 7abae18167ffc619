import OpsCore

/// `GET /datasets`: each dataset with its newest version.
struct DatasetListView {
    struct Row {
        var name: String
        var href: String
        var items: String
        var version: String
        var author: String
        var message: String
        var time: String
    }

    var rows: [Row]
    var hasRows: Bool

    init(datasets: [DatasetVersionSummary]) {
        rows = datasets.map { d in
            Row(name: d.dataset, href: "/datasets/" + ConsoleFormat.queryValue(d.dataset), items: ConsoleFormat.count(d.itemCount),
                version: String(d.hash.prefix(12)), author: d.author, message: d.message.isEmpty ? "—" : d.message,
                time: ConsoleFormat.time(d.createdAt))
        }
        hasRows = !rows.isEmpty
    }
}
