import OpsCore

/// `GET /experiments/{id}`: the run's figures and its table of items (input, reference, output,
/// metric scores, latency, tokens, cost, error, and the review scores people gave the item).
struct ExperimentRunView {
    struct Figure {
        var metric: String
        var mean: String
        var scored: Int
    }

    struct Cell {
        var text: String
    }

    struct Row {
        var index: Int
        var input: String
        var expected: String
        var output: String
        var scores: [Cell]
        var latency: String
        var tokens: String
        var cost: String
        var error: String?
        var reviews: String
        var traceHref: String?
    }

    var id: String
    var status: String
    var pill: String
    var dataset: String
    var datasetHref: String
    var target: String
    var author: String
    var created: String
    var metrics: [String]
    var figures: [Figure]
    var done: String
    var failed: Int
    var totalCost: String
    var meanLatency: String
    var rows: [Row]
    var hasRows: Bool
    /// The "add to queue" control, for keys that may add (nil for a viewer).
    var queueControl: AddToQueueView?

    init(run: ExperimentRun, records: [ExperimentItemRecord], items: [DatasetItem], reviews: [Score]) {
        let description = RunDescription(run)
        id = run.id
        status = run.status.rawValue
        pill = run.status == .finished ? "ok" : "warn"
        dataset = description.dataset
        datasetHref = "/datasets/\(ConsoleFormat.queryValue(run.dataset))?version=\(run.datasetVersion)"
        target = description.target
        author = run.author
        created = ConsoleFormat.time(run.createdAt)
        metrics = description.metrics
        figures = description.metrics.map { metric in
            let values = records.compactMap { $0.scores[metric]?.doubleValue }
            let mean = values.isEmpty ? "—" : ChartValueFormat.trimmed(values.reduce(0, +) / Double(values.count), decimals: 4)
            return Figure(metric: metric, mean: mean, scored: values.count)
        }
        done = "\(ConsoleFormat.count(records.count)) of \(ConsoleFormat.count(run.itemCount))"
        failed = records.filter { $0.error != nil }.count
        let costs = records.compactMap(\.cost)
        totalCost = costs.isEmpty ? "—" : ConsoleFormat.cost(costs.reduce(0, +))
        let latencies = records.compactMap(\.latency)
        meanLatency = latencies.isEmpty ? "—" : ConsoleFormat.duration(latencies.reduce(0, +) / Double(latencies.count) * 1000)
        let reviewsByItem = Dictionary(grouping: reviews) { $0.target.item ?? -1 }
        rows = records.map { record in
            let item = items.indices.contains(record.item) ? items[record.item] : nil
            return Row(index: record.item, input: item.map { DatasetDetailView.text($0.input) } ?? "—",
                       expected: item?.expectedOutput.map(DatasetDetailView.text) ?? "—", output: record.output ?? "—",
                       scores: description.metrics.map { metric in
                           Cell(text: record.scores[metric]?.doubleValue.map { ChartValueFormat.trimmed($0, decimals: 4) }
                                ?? (record.scoreErrors[metric] != nil ? "error" : "—"))
                       },
                       latency: ConsoleFormat.duration(record.latency.map { $0 * 1000 }),
                       tokens: record.usage.map { ConsoleFormat.count($0.totalTokens) } ?? "—", cost: ConsoleFormat.cost(record.cost),
                       error: record.error,
                       reviews: (reviewsByItem[record.item] ?? []).map { "\($0.name) \($0.value.text) (\($0.source.rawValue))" }
                           .joined(separator: "; "),
                       traceHref: record.traceID.map { "/traces/" + $0 })
        }
        hasRows = !rows.isEmpty
    }
}
