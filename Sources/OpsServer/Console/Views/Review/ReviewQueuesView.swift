import OpsCore

/// `GET /review`: the project's annotation queues with their progress.
struct ReviewQueuesView {
    struct Row {
        var name: String
        var href: String
        var kind: String
        var definitions: String
        var total: Int
        var completed: Int
        var skipped: Int
        var leased: Int
        var pending: Int
        var percent: Int
        var created: String
    }

    var rows: [Row]
    var hasRows: Bool

    init(queues: [(AnnotationQueue, QueueProgress)]) {
        rows = queues.map { queue, progress in
            Row(name: queue.name, href: "/review/" + queue.id, kind: queue.runID.map { "items of \($0)" } ?? "traces",
                definitions: queue.scoreNames.joined(separator: ", "), total: progress.total, completed: progress.completed,
                skipped: progress.skipped, leased: progress.leased, pending: progress.pending,
                percent: progress.total == 0 ? 100 : progress.done * 100 / progress.total, created: ConsoleFormat.time(queue.createdAt))
        }
        hasRows = !rows.isEmpty
    }
}
