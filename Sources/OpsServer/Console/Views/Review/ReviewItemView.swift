import OpsCore

/// `GET /review/{id}`: the queue's progress and, when the reviewer holds an item, the item (the
/// trace's conversation, or the experiment item's input, reference and output) with the form.
struct ReviewItemView {
    var queueID: String
    var queueName: String
    var description: String?
    var progress: String
    var percent: Int
    var notice: String?
    var error: String?
    var canReview: Bool
    var hasItem: Bool
    var finished: Bool
    var position: Int
    var leaseUntil: String
    var targetLabel: String
    var traceHref: String?
    var input: [MessageView]
    var output: MessageView?
    var expected: String?
    var metricScores: String?
    var scores: [ScoreRowView]
    var hasScores: Bool
    var fields: [ReviewFieldView]
    var comment: String

    init(queue: AnnotationQueue, progress: QueueProgress, context: ReviewItemContext?, definitions: [ScoreDefinition],
         canReview: Bool, notice: String? = nil, error: OpsError? = nil, values: [String: String] = [:], comment: String = "") {
        queueID = queue.id
        queueName = queue.name
        description = queue.description.isEmpty ? nil : queue.description
        self.progress = "\(progress.completed) completed, \(progress.skipped) skipped, \(progress.leased) in review, "
            + "\(progress.pending) waiting, of \(progress.total)"
        percent = progress.total == 0 ? 100 : progress.done * 100 / progress.total
        self.notice = notice
        self.error = error?.message
        self.canReview = canReview
        hasItem = context != nil
        finished = context == nil && progress.pending == 0 && progress.leased == 0
        position = context?.item.position ?? 0
        leaseUntil = context?.item.leaseExpiresAt.map(ConsoleFormat.time) ?? "—"
        targetLabel = context?.item.target.label ?? ""
        traceHref = context?.trace.map { "/traces/" + $0.id } ?? context?.record?.traceID.map { "/traces/" + $0 }
        if let trace = context?.trace {
            input = MessageView.list(from: trace.input)
            output = trace.output.map { MessageView(item: $0, defaultRole: "output") }
        } else if let context, context.run != nil {
            input = context.datasetItem.map { MessageView.list(from: $0.input) } ?? []
            output = context.record.map { record in
                MessageView(item: .string(record.output ?? record.error.map { "(failed: \($0))" } ?? "(no output)"), defaultRole: "output")
            }
            expected = context.datasetItem?.expectedOutput.map(DatasetDetailView.text)
            let metrics = context.record?.scores.map { "\($0.key) \($0.value.doubleValue.map { ChartValueFormat.trimmed($0, decimals: 4) } ?? "—")" }
            metricScores = metrics.map { $0.isEmpty ? "—" : $0.joined(separator: ", ") }
        } else {
            input = []
        }
        scores = (context?.scores ?? []).map(ScoreRowView.init)
        hasScores = !scores.isEmpty
        fields = definitions.map { ReviewFieldView($0, value: values[$0.name], invalid: error?.param == "scores.\($0.name)") }
        self.comment = comment
    }
}
