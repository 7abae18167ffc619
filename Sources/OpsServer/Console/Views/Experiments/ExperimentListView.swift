import OpsCore

/// `GET /experiments`: the runs, newest first, and a form to compare two of them.
struct ExperimentListView {
    struct Row {
        var id: String
        var href: String
        var dataset: String
        var target: String
        var metrics: String
        var status: String
        var pill: String
        var items: String
        var time: String
    }

    var rows: [Row]
    var hasRows: Bool
    var canCompare: Bool
    var baselineOptions: [SelectOption]
    var candidateOptions: [SelectOption]

    init(runs: [ExperimentRun]) {
        rows = runs.map { run in
            let description = RunDescription(run)
            return Row(id: run.id, href: "/experiments/" + run.id, dataset: description.dataset, target: description.target,
                       metrics: description.metrics.joined(separator: ", "), status: run.status.rawValue,
                       pill: run.status == .finished ? "ok" : "warn", items: ConsoleFormat.count(run.itemCount),
                       time: ConsoleFormat.time(run.createdAt))
        }
        hasRows = !rows.isEmpty
        canCompare = runs.count > 1
        let label: (String) -> String = { id in
            let run = runs.first { $0.id == id }!
            return "\(id) · \(RunDescription(run).target) · \(ConsoleFormat.time(run.createdAt))"
        }
        let ids = runs.map(\.id)
        baselineOptions = SelectOption.list(ids, selected: ids.count > 1 ? ids[1] : ids.first, label: label)
        candidateOptions = SelectOption.list(ids, selected: ids.first, label: label)
    }
}
