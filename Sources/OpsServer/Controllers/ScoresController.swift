import Hummingbird
import OpsCore

/// `POST /api/scores` (end-user feedback and other scores on a trace or an experiment item) and
/// `GET /api/scores?trace_id=…` or `?run_id=…[&item=N]`, scoped to the key's project: a trace or
/// run of another project is as unknown as one that does not exist.
struct ScoresController {
    let services: GatewayServices

    func create(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let submission = try ScoreSubmission(json: try await JSONResponse.readBody(request, limit: 64 << 10))
        try await ScoreTargets(store: services.store, project: key.project).check(submission.target)
        let definition = try await services.store.scoreDefinition(project: key.project, name: submission.name)
        let score = try submission.resolve(definition: definition, project: key.project, author: key.id, at: services.clock.now())
        try await services.store.insertScores([score])
        return JSONResponse.make(score.json, status: .created)
    }

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let params = request.uri.queryParameters
        let scores: [Score]
        switch (params.get("trace_id"), params.get("run_id")) {
        case (let trace?, nil):
            guard !trace.isEmpty else { throw OpsError.invalid("trace_id is empty", param: "trace_id") }
            scores = try await services.store.scores(project: key.project, target: .trace(trace))
        case (nil, let run?):
            if let text = params.get("item") {
                guard let item = Int(text), item >= 0 else {
                    throw OpsError.invalid("item must be an item index (0 or more), got '\(text)'", param: "item")
                }
                scores = try await services.store.scores(project: key.project, target: .experimentItem(runID: run, item: item))
            } else {
                scores = try await services.store.scores(project: key.project, runID: run)
            }
        case (.some, .some):
            throw OpsError.invalid("Give trace_id or run_id, not both", param: "run_id")
        case (nil, nil):
            throw OpsError.invalid("trace_id is required (or run_id, with an optional item)", param: "trace_id")
        }
        return JSONResponse.make(["object": "list", "data": .array(scores.map(\.json))])
    }
}
