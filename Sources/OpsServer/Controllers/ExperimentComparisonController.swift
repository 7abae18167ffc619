import Hummingbird
import OpsCore
import OpsEval

/// `GET /api/experiments/compare?a=RUN&b=RUN[&alpha=0.05]`: two runs of the same dataset version
/// compared per metric (run `a` is the baseline, `b` the candidate), as `RunComparison.json` lays it out.
struct ExperimentComparisonController {
    let services: GatewayServices

    func compare(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let query = request.uri.queryParameters
        let ids = try ["a", "b"].map { name throws(OpsError) -> String in
            guard let id = query.get(name), !id.isEmpty else {
                throw .invalid("\(name) is required: the id of the \(name == "a" ? "baseline" : "candidate") run "
                               + "(GET /api/experiments/compare?a=RUN&b=RUN)", param: name)
            }
            return id
        }
        var alpha = 0.05
        if let text = query.get("alpha") {
            guard let value = Double(text), value > 0, value < 1 else {
                throw OpsError.invalid("alpha must be a number between 0 and 1, got '\(text)'", param: "alpha")
            }
            alpha = value
        }
        var runs: [ExperimentRun] = []
        for (name, id) in zip(["a", "b"], ids) {
            guard let run = try await services.store.run(id: id, project: key.project) else {
                throw OpsError(.notFound, "No experiment run '\(id)'", param: name, code: "run_not_found")
            }
            runs.append(run)
        }
        guard runs[0].datasetVersion == runs[1].datasetVersion else {
            throw OpsError.invalid("run \(runs[0].id) ran on \(runs[0].dataset)@\(runs[0].datasetVersion.prefix(12)) and run "
                                   + "\(runs[1].id) on \(runs[1].dataset)@\(runs[1].datasetVersion.prefix(12)); "
                                   + "compare runs of the same dataset version", param: "b", code: "dataset_version_mismatch")
        }
        let itemsA = try await services.store.items(runID: runs[0].id, project: key.project)
        let itemsB = try await services.store.items(runID: runs[1].id, project: key.project)
        do {
            let comparison = try RunComparison(a: runs[0], itemsA: itemsA, b: runs[1], itemsB: itemsB, alpha: alpha)
            return JSONResponse.make(comparison.json)
        } catch {
            throw OpsError.invalid("\(error)", param: "b")
        }
    }
}
