import OpsCore

/// `GET /review`: the project's annotation queues with their progress, its score definitions and,
/// for developer and admin keys, the forms that create either.
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

    struct DefinitionRow {
        var name: String
        var kind: String
        var allows: String
        var description: String
    }

    var rows: [Row]
    var hasRows: Bool
    var definitionRows: [DefinitionRow]
    var hasDefinitions: Bool
    var notice: String?
    var canEdit: Bool
    var definitionForm: ScoreDefinitionFormView?
    var queueForm: QueueFormView?

    /// `definitionForm` and `queueForm` are nil for a key that may not create (a viewer).
    init(queues: [(AnnotationQueue, QueueProgress)], definitions: [ScoreDefinition] = [], notice: String? = nil,
         definitionForm: ScoreDefinitionFormView? = nil, queueForm: QueueFormView? = nil) {
        rows = queues.map { queue, progress in
            Row(name: queue.name, href: "/review/" + queue.id, kind: queue.runID.map { "experiment items, from \($0)" } ?? "traces",
                definitions: queue.scoreNames.joined(separator: ", "), total: progress.total, completed: progress.completed,
                skipped: progress.skipped, leased: progress.leased, pending: progress.pending,
                percent: progress.total == 0 ? 100 : progress.done * 100 / progress.total, created: ConsoleFormat.time(queue.createdAt))
        }
        hasRows = !rows.isEmpty
        definitionRows = definitions.map {
            DefinitionRow(name: $0.name, kind: $0.kind.rawValue, allows: QueueFormView.summary($0.rule), description: $0.description)
        }
        hasDefinitions = !definitionRows.isEmpty
        self.notice = notice
        canEdit = definitionForm != nil && queueForm != nil
        self.definitionForm = definitionForm
        self.queueForm = queueForm
    }
}
