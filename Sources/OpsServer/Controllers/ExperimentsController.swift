import Hummingbird
import OpsCore
import OpsEval

/// Experiment runs, scoped to the key's project. The client (`llmops eval run`) runs the items
/// through the gateway and stores each result here as it finishes, so a run survives an
/// interruption and resumes from what is stored; the server checks the plan and keeps the record.
struct ExperimentsController {
    let services: GatewayServices

    /// `POST /api/experiments` `{"dataset": "NAME[@HASH]", "target", "metrics", "concurrency"}`: resolves
    /// the dataset version and the target's prompt version now, so later label moves change nothing.
    func create(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let body = try await JSONResponse.readBody(request, limit: 1 << 20)
        guard case .object(var object) = body else { throw OpsError.invalid("The body must be a JSON object") }
        let reference = try JSONFields(body).requiredString("dataset")
        let version = try await services.store.resolve(reference, project: key.project)
        object["dataset"] = .string(version.dataset)
        object["dataset_version"] = .string(version.hash)
        var plan = try ExperimentPlan(json: .object(object))
        if case .prompt(let name, let number, _) = plan.target {
            guard try await services.store.version(project: key.project, name: name, number: number) != nil else {
                throw OpsError(.notFound, "No prompt version '\(name)@\(number)'", param: "target.prompt", code: "prompt_not_found")
            }
        }
        plan.settings.judges = try await checkMetrics(plan, project: key.project)
        let stored = JSONObject([("target", plan.target.json), ("metrics", .array(plan.metrics.map { .string($0) })),
                                 ("concurrency", .int(Int64(plan.concurrency))), ("settings", plan.settings.json)])
        let run = ExperimentRun(project: key.project, dataset: version.dataset, datasetVersion: version.hash,
                                itemCount: version.items.count, plan: stored, author: key.id, createdAt: services.clock.now())
        try await services.store.createRun(run)
        return JSONResponse.make(run.json, status: .created)
    }

    /// `GET /api/experiments?limit=N`, newest first.
    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        var limit = 50
        if let text = request.uri.queryParameters.get("limit") {
            guard let n = Int(text), (1...1000).contains(n) else {
                throw OpsError.invalid("limit must be an integer from 1 to 1000", param: "limit")
            }
            limit = n
        }
        let runs = try await services.store.runs(project: key.project, limit: limit)
        return JSONResponse.make(["object": "list", "data": .array(runs.map(\.json))])
    }

    /// `GET /api/experiments/{id}`: the run and its stored item results.
    func get(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let run = try await requireRun(context, project: key.project)
        var json = run.json.objectValue ?? JSONObject()
        json["items"] = .array(try await services.store.items(runID: run.id, project: key.project).map(\.json))
        return JSONResponse.make(.object(json))
    }

    /// `POST /api/experiments/{id}/items` `{"items": [...]}`: stores (or replaces) results.
    func saveItems(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let id = try context.parameters.require("id")
        let fields = try JSONFields(try await JSONResponse.readBody(request, limit: 16 << 20))
        guard let raw = try fields.array("items"), !raw.isEmpty else {
            throw OpsError.invalid("items is required: a non-empty list of item results", param: "items")
        }
        var records: [ExperimentItemRecord] = []
        for (i, value) in raw.enumerated() { records.append(try ExperimentItemRecord(json: value, path: "items[\(i)]")) }
        try await services.store.saveItems(runID: id, project: key.project, items: records)
        return JSONResponse.make(["id": .string(id), "saved": .int(Int64(records.count))])
    }

    /// `POST /api/experiments/{id}/finish` `{"summary": {...}}`.
    func finish(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let id = try context.parameters.require("id")
        let fields = try JSONFields(try await JSONResponse.readBody(request, limit: 1 << 20))
        guard let summary = try fields.objectValue("summary") else {
            throw OpsError.invalid("summary is required: an object of the run's figures", param: "summary")
        }
        guard try await services.store.finishRun(id: id, project: key.project, summary: summary, at: services.clock.now()) else {
            throw Self.notFound(id)
        }
        return JSONResponse.make(try await requireRun(context, project: key.project).json)
    }

    /// Checks that every metric can be built with the plan's settings (a regex that compiles, a
    /// schema that parses) and returns the rubric version of every judge metric: the one the settings
    /// name, else the one its reference resolves to now (so a label moved during the run changes
    /// nothing), checked as a rubric. Errors name `metrics[i]` or `settings.judges.NAME`.
    private func checkMetrics(_ plan: ExperimentPlan, project: String) async throws -> [String: Int] {
        var judges: [String: Int] = [:]
        for (i, spec) in plan.specs.enumerated() {
            if case .builtin(let name) = spec {
                do { _ = try MetricCatalog.make(name, options: plan.settings.catalogOptions) } catch {
                    throw OpsError.invalid("metrics[\(i)]: \(error)", param: "metrics[\(i)]")
                }
            }
            guard case .judge(let reference) = spec else { continue }
            let name = spec.description
            let version: PromptVersion
            if let number = plan.settings.judges[name] {
                guard let found = try await services.store.version(project: project, name: reference.name, number: number) else {
                    throw OpsError(.notFound, "No prompt version '\(reference.name)@\(number)' for judge \(name)",
                                   param: "settings.judges.\(name)", code: "prompt_not_found")
                }
                version = found
            } else {
                do { version = try await services.store.resolve(reference, project: project) } catch var error as OpsError {
                    error.param = "metrics[\(i)]"
                    throw error
                }
            }
            do { _ = try JudgeRubric(version: version, model: plan.settings.judgeModel, metric: name) } catch {
                throw OpsError.invalid("\(error)", param: "metrics[\(i)]")
            }
            judges[name] = version.number
        }
        if let stray = plan.settings.judges.keys.sorted().first(where: { judges[$0] == nil }) {
            throw OpsError.invalid("settings.judges.\(stray) names a judge metric the plan does not have", param: "settings.judges.\(stray)")
        }
        return judges
    }

    private func requireRun(_ context: OpsRequestContext, project: String) async throws -> ExperimentRun {
        let id = try context.parameters.require("id")
        guard let run = try await services.store.run(id: id, project: project) else { throw Self.notFound(id) }
        return run
    }

    static func notFound(_ id: String) -> OpsError {
        OpsError(.notFound, "No experiment run '\(id)'", param: "id", code: "run_not_found")
    }
}
