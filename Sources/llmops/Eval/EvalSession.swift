import Foundation
import OpsCore
import OpsEval

/// One `llmops eval run`: the stored run (new or resumed), its plan and dataset version, and the
/// calls that run the items, read the results back and record the summary.
struct EvalSession {
    let client: LLMOpsClient
    let run: ExperimentRun
    let plan: ExperimentPlan
    let items: [DatasetItem]

    /// What a finished (or resumed) run adds up to, over every stored item.
    struct Report {
        var results: [ExperimentItemResult]
        var summary: ExperimentSummary
        var ranNow: Int
        var skipped: Int
    }

    /// Creates the run on the server (resolving the prompt label and dataset version now), or
    /// loads the run to resume.
    static func start(client: LLMOpsClient, command: EvalCommand.Run) async throws -> EvalSession {
        let runJSON: JSONValue
        if let resume = command.resume {
            runJSON = try await client.json(.GET, "/api/experiments/" + LLMOpsClient.segment(resume))
        } else {
            let target: JSONValue
            if let prompt = command.prompt {
                let reference: PromptReference
                do { reference = try PromptReference(parsing: prompt) } catch { throw CLIError("--prompt: \(error.message)") }
                let version = try await client.json(.GET, "/api/prompts/" + LLMOpsClient.segment(reference.description))
                target = ExperimentPlan.Target.prompt(name: reference.name, version: version["version"]?.intValue ?? 0,
                                                      model: command.model).json
            } else {
                target = ExperimentPlan.Target.model(command.model ?? "").json
            }
            runJSON = try await client.json(.POST, "/api/experiments", body: [
                "dataset": .string(command.dataset ?? ""), "target": target,
                "metrics": .array(command.metric.map { .string($0) }), "concurrency": .int(Int64(command.concurrency)),
                "settings": try command.metricOptions.settings().json,
            ])
        }
        let run = try Self.run(from: runJSON)
        var planJSON = run.plan
        planJSON["dataset"] = .string(run.dataset)
        planJSON["dataset_version"] = .string(run.datasetVersion)
        if command.resume != nil { planJSON["concurrency"] = .int(Int64(command.concurrency)) }
        let plan: ExperimentPlan
        do { plan = try ExperimentPlan(json: .object(planJSON)) } catch { throw CLIError("run \(run.id) has an unusable plan: \(error.message)") }
        if command.resume != nil { try Self.checkExternalScorers(plan, allowed: command.metric) }
        let dataset = try await client.json(.GET, "/api/datasets/" + LLMOpsClient.segment("\(run.dataset)@\(run.datasetVersion)"))
        let items = (dataset["items"]?.arrayValue ?? []).map { value in
            DatasetItem(input: value["input"] ?? .null, expectedOutput: value["expected_output"],
                        metadata: value["metadata"]?.objectValue ?? JSONObject())
        }
        guard DatasetVersion.contentHash(of: items) == run.datasetVersion else {
            throw CLIError("the items the server returned for \(run.dataset)@\(run.datasetVersion.prefix(12)) do not hash to that version")
        }
        return EvalSession(client: client, run: run, plan: plan, items: items)
    }

    /// A resumed run's plan comes from the server, and anyone with a developer key of the project may
    /// have written it: its external scorers run on this machine only when the command line names them too.
    static func checkExternalScorers(_ plan: ExperimentPlan, allowed: [String]) throws {
        for spec in plan.specs {
            switch spec {
            case .command, .http:
                guard allowed.contains(spec.description) else {
                    throw CLIError("run uses the external scorer \(spec); to let this machine run it, "
                                   + "add --metric '\(spec)' to the --resume command")
                }
            case .builtin, .judge:
                continue
            }
        }
    }

    /// Runs the items without a stored result (failed ones are retried), storing each result as it
    /// finishes, then reads every stored result back for the report.
    func run(quiet: Bool) async throws -> Report {
        let scorers = try await ScorerFactory(client: client, runID: run.id).scorers(for: plan)
        let runner = ExperimentRunner(plan: plan, scorers: scorers)
        let stored = try await storedResults()
        let finished = Set(stored.filter(\.succeeded).map(\.item))
        let target = GatewayTarget(client: client, target: plan.target, runID: run.id)
        let progress = ProgressLine(enabled: !quiet, label: run.id)
        let saver = ResultSaver(client: client, runID: run.id)
        let items = self.items
        // Ctrl-C or SIGTERM cancels the run: no new items start, the finished ones are stored, and
        // the command says how to resume.
        let work = Task {
            await runner.run(items: items, finished: finished, target: { try await target.output(for: $0) },
                             progress: { progress.show($0) }, onResult: { await saver.add($0.record) })
        }
        let interruption = InterruptionSignals { work.cancel() }
        let ran = await work.value
        interruption.stop()
        await saver.drain()
        progress.finish()
        if let failure = await saver.failure {
            throw CLIError("results could not be stored (resume with --resume \(run.id)): \(failure)")
        }
        if work.isCancelled {
            throw EvalExit.Interrupted(description: "interrupted: \(finished.count + ran.count) of \(items.count) items are stored; "
                                       + "continue with: llmops eval run --resume \(run.id)")
        }
        let results = try await storedResults()
        return Report(results: results, summary: ExperimentSummary(results: results, items: items, scorers: scorers),
                      ranNow: ran.count, skipped: finished.count)
    }

    /// Paired comparisons with a baseline run on the same dataset version.
    func compare(with baseline: String?, results: [ExperimentItemResult]) async throws -> [String: PairedComparison] {
        guard let baseline else { return [:] }
        let other = try await client.json(.GET, "/api/experiments/" + LLMOpsClient.segment(baseline))
        guard other["dataset_version"]?.stringValue == run.datasetVersion else {
            throw CLIError("baseline \(baseline) ran on \(other["dataset"]?.stringValue ?? "?")@"
                           + "\(other["dataset_version"]?.stringValue?.prefix(12) ?? "?"), not on this run's "
                           + "\(run.dataset)@\(run.datasetVersion.prefix(12)); compare runs of the same dataset version")
        }
        let baselineResults = try Self.results(from: other)
        return try ExperimentSummary.compare(baseline: baselineResults, candidate: results, metrics: plan.metrics)
    }

    /// Records the summary and the gate's outcome with the run.
    func finish(report: Report, outcome: CIGate.Outcome) async throws {
        var metrics = JSONObject()
        for figure in report.summary.metrics {
            metrics[figure.metric] = ["mean": .double(figure.mean), "corpus": figure.corpus.map { .double($0) } ?? .null,
                                      "scored": .int(Int64(figure.scored)), "errors": .int(Int64(figure.errors))]
        }
        let summary: JSONValue = [
            "items": .int(Int64(report.summary.items)), "failed": .int(Int64(report.summary.failed)), "metrics": .object(metrics),
            "latency": ["mean": .double(report.summary.latencyMean), "p50": .double(report.summary.latencyP50),
                        "p95": .double(report.summary.latencyP95)],
            "tokens": ["prompt": .int(Int64(report.summary.promptTokens)), "completion": .int(Int64(report.summary.completionTokens))],
            "cost_usd": .double(report.summary.cost), "passed": .bool(outcome.passed),
            "reasons": .array(outcome.reasons.map { .string($0) }),
        ]
        _ = try await client.json(.POST, "/api/experiments/\(run.id)/finish", body: ["summary": summary])
    }

    private func storedResults() async throws -> [ExperimentItemResult] {
        try Self.results(from: try await client.json(.GET, "/api/experiments/" + run.id))
    }

    static func results(from runJSON: JSONValue) throws -> [ExperimentItemResult] {
        var out: [ExperimentItemResult] = []
        for (i, value) in (runJSON["items"]?.arrayValue ?? []).enumerated() {
            do { out.append(ExperimentItemResult(record: try ExperimentItemRecord(json: value, path: "items[\(i)]"))) } catch {
                throw CLIError("the server returned an unreadable result: \(error.message)")
            }
        }
        return out
    }

    static func run(from json: JSONValue) throws -> ExperimentRun {
        guard let id = json["id"]?.stringValue, let dataset = json["dataset"]?.stringValue,
              let version = json["dataset_version"]?.stringValue, let plan = json["plan"]?.objectValue else {
            throw CLIError("the server returned an experiment run without id, dataset or plan")
        }
        return ExperimentRun(id: id, project: "", dataset: dataset, datasetVersion: version,
                             itemCount: json["item_count"]?.intValue ?? 0, plan: plan, author: json["author"]?.stringValue ?? "",
                             createdAt: Date())
    }
}
