import OpsCore

/// One score as the console lists it (trace page, reviewer page).
struct ScoreRowView {
    var name: String
    var value: String
    var source: String
    var author: String
    var comment: String
    var time: String

    init(_ score: Score) {
        name = score.name
        value = score.value.text
        source = score.source.rawValue
        author = score.author
        comment = score.comment ?? ""
        time = ConsoleFormat.time(score.createdAt)
    }
}
