import OpsCore

/// `GET /datasets/{name}?version=HASH`: the versions, newest first, and one version's items.
struct DatasetDetailView {
    struct VersionRow {
        var short: String
        var href: String
        var items: String
        var author: String
        var message: String
        var time: String
        var shown: Bool
    }

    struct ItemRow {
        var index: Int
        var input: String
        var expected: String
        var metadata: String
    }

    /// Items shown on one page; the export has them all.
    static let pageSize = 500

    var name: String
    var versions: [VersionRow]
    var shownHash: String
    var shownShort: String
    var itemCount: String
    var items: [ItemRow]
    var hasItems: Bool
    var truncated: Bool

    init(name: String, versions: [DatasetVersionSummary], shown: DatasetVersion) {
        self.name = name
        let base = "/datasets/" + ConsoleFormat.queryValue(name)
        self.versions = versions.reversed().map { v in
            VersionRow(short: String(v.hash.prefix(12)), href: "\(base)?version=\(v.hash)", items: ConsoleFormat.count(v.itemCount),
                       author: v.author, message: v.message.isEmpty ? "—" : v.message, time: ConsoleFormat.time(v.createdAt),
                       shown: v.hash == shown.hash)
        }
        shownHash = shown.hash
        shownShort = shown.shortHash
        itemCount = ConsoleFormat.count(shown.items.count)
        items = shown.items.prefix(Self.pageSize).enumerated().map { i, item in
            ItemRow(index: i, input: Self.text(item.input), expected: item.expectedOutput.map(Self.text) ?? "—",
                    metadata: item.metadata.isEmpty ? "" : JSONPretty.format(.object(item.metadata)))
        }
        hasItems = !items.isEmpty
        truncated = shown.items.count > Self.pageSize
    }

    /// A string as itself, anything else as indented JSON.
    static func text(_ value: JSONValue) -> String { value.stringValue ?? JSONPretty.format(value) }
}
