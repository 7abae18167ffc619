import Hummingbird
import OpsCore
import OpsEval

/// `GET /experiments` (runs), `GET /experiments/{id}` (a run's items) and
/// `GET /experiments/compare?baseline=A&candidate=B` (two runs on the same dataset version),
/// scoped to the key's project like `/api/experiments`.
struct ConsoleExperimentsController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let view = ExperimentListView(runs: try await services.store.runs(project: key.project, limit: 200))
        return renderer.page("experiments", view: view, title: "Experiments", key: key, section: .experiments)
    }

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let run = try await run(try context.parameters.require("id"), key: key, param: "id")
        var view = ExperimentRunView(run: run, records: try await services.store.items(runID: run.id, project: key.project),
                                     items: try await datasetItems(of: run, key: key),
                                     reviews: try await services.store.scores(project: key.project, runID: run.id))
        view.queueControl = try await ConsoleQueueAdditionController.control(page: "/experiments/" + ConsoleFormat.queryValue(run.id),
                                                                             traces: false, request: request, key: key,
                                                                             store: services.store)
        return renderer.page("experiment", view: view, title: "Run \(run.id)", key: key, section: .experiments)
    }

    func compare(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let params = request.uri.queryParameters
        guard let baselineID = params.get("baseline"), !baselineID.isEmpty else {
            throw OpsError.invalid("Choose a baseline run", param: "baseline")
        }
        guard let candidateID = params.get("candidate"), !candidateID.isEmpty else {
            throw OpsError.invalid("Choose a candidate run", param: "candidate")
        }
        let baseline = try await run(baselineID, key: key, param: "baseline")
        let candidate = try await run(candidateID, key: key, param: "candidate")
        guard baseline.dataset == candidate.dataset, baseline.datasetVersion == candidate.datasetVersion else {
            throw OpsError.invalid("Runs compare item by item only on the same dataset version: \(baseline.id) ran on "
                                   + "\(RunDescription(baseline).dataset), \(candidate.id) on \(RunDescription(candidate).dataset)",
                                   param: "candidate")
        }
        let baseRecords = try await services.store.items(runID: baseline.id, project: key.project)
        let candRecords = try await services.store.items(runID: candidate.id, project: key.project)
        var metrics = RunDescription(baseline).metrics
        for metric in RunDescription(candidate).metrics where !metrics.contains(metric) { metrics.append(metric) }
        let compared = try ExperimentSummary.compare(baseline: baseRecords.map(ExperimentItemResult.init(record:)),
                                                     candidate: candRecords.map(ExperimentItemResult.init(record:)), metrics: metrics)
        let view = ExperimentComparisonView(baseline: baseline, candidate: candidate,
                                            comparisons: metrics.compactMap { m in compared[m].map { (m, $0) } },
                                            missing: metrics.filter { compared[$0] == nil }, baselineRecords: baseRecords,
                                            candidateRecords: candRecords, items: try await datasetItems(of: baseline, key: key))
        return renderer.page("experiment-compare", view: view, title: "\(baseline.id) vs \(candidate.id)", key: key,
                             section: .experiments)
    }

    private func run(_ id: String, key: APIKey, param: String) async throws -> ExperimentRun {
        guard let run = try await services.store.run(id: id, project: key.project) else {
            throw OpsError(.notFound, "No experiment run '\(id)'", param: param, code: "run_not_found")
        }
        return run
    }

    /// The items of the run's dataset version (empty if the version is gone).
    private func datasetItems(of run: ExperimentRun, key: APIKey) async throws -> [DatasetItem] {
        try await services.store.version(project: key.project, dataset: run.dataset, hash: run.datasetVersion)?.items ?? []
    }
}
