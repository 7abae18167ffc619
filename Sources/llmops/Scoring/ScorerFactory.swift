import Foundation
import OpsCore
import OpsEval

/// Builds a run's scorers from its plan: text metrics from the catalog, judges with their rubric
/// versions fetched from the registry, external scorers over a process or HTTP.
struct ScorerFactory {
    let client: LLMOpsClient
    let runID: String

    func scorers(for plan: ExperimentPlan) async throws -> [any ItemScorer] {
        let settings = plan.settings
        var out: [any ItemScorer] = []
        for spec in plan.specs {
            let name = spec.description
            switch spec {
            case .builtin(let metric):
                out.append(MetricScorer(try MetricCatalog.make(metric, options: settings.catalogOptions)))
            case .judge(let reference):
                guard let number = settings.judges[name] else {
                    throw CLIError("run \(runID) has no rubric version for \(name); the server resolves it when the run is created")
                }
                let version = try await rubric(PromptReference(name: reference.name, selector: .version(number)))
                let rubric = try JudgeRubric(version: version, model: settings.judgeModel, metric: name)
                out.append(LLMJudgeMetric(name: name, rubric: rubric, client: GatewayJudgeClient(client: client, runID: runID)))
            case .command(let command):
                out.append(ExternalScorer(name: name, transport: ProcessScorerTransport(command: command),
                                          timeout: timeout(settings), limit: ConcurrencyLimit(settings.scorerConcurrency)))
            case .http(let url):
                out.append(ExternalScorer(name: name, transport: HTTPScorerTransport(url: url), timeout: timeout(settings),
                                          limit: ConcurrencyLimit(settings.scorerConcurrency)))
            }
        }
        return out
    }

    private func timeout(_ settings: MetricSettings) -> Duration {
        .nanoseconds(Int64(settings.scorerTimeout * 1e9))
    }

    /// A prompt version read back from the registry API.
    private func rubric(_ reference: PromptReference) async throws -> PromptVersion {
        let json = try await client.json(.GET, "/api/prompts/" + LLMOpsClient.segment(reference.description))
        var fields = JSONObject()
        for key in ["name", "type", "messages", "text", "config"] { if let value = json[key] { fields[key] = value } }
        do {
            let draft = try PromptDraft(json: .object(fields), author: "")
            return PromptVersion(name: draft.name, number: json["version"]?.intValue ?? 0, body: draft.body, config: draft.config,
                                 createdAt: .init(), author: "")
        } catch {
            throw CLIError("the server returned an unusable rubric \(reference): \(error.message)")
        }
    }
}
