import AsyncHTTPClient
import Foundation
import NIOCore
import OpsCore
import OpsEval

/// The experiment target as the CLI runs it: each item goes through the server's gateway as a
/// chat request (a prompt target sends the `prompt` field, so the server renders the version and
/// the trace links to it), timed from request to answer.
struct GatewayTarget: Sendable {
    let client: LLMOpsClient
    let target: ExperimentPlan.Target
    let runID: String

    func output(for item: DatasetItem) async throws -> TargetOutput {
        var body = JSONObject()
        switch target {
        case .prompt(let name, let version, let model):
            var variables = JSONObject()
            for (key, value) in item.variables.sorted(by: { $0.key < $1.key }) { variables[key] = value }
            body["prompt"] = ["name": .string(name), "version": .int(Int64(version)), "variables": .object(variables)]
            if let messages = try item.messages() { body["messages"] = .array(messages.map(\.json)) }
            if let model { body["model"] = .string(model) }
        case .model(let model):
            guard let messages = try item.messages(), !messages.isEmpty else {
                throw CLIError("a model target needs items whose input has messages")
            }
            body["model"] = .string(model)
            body["messages"] = .array(messages.map(\.json))
        }
        body["metadata"] = ["experiment_run": .string(runID)]
        let started = ContinuousClock.now
        let reply = try await client.send(.POST, "/v1/chat/completions", body: JSONValue.object(body).serialized())
        let elapsed = started.duration(to: .now)
        let latency = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let json = try reply.json()
        let message = json["choices"]?.arrayValue?.first?["message"]
        let text = message?["content"]?.stringValue ?? ""
        var usage: Usage?
        if let u = json["usage"] {
            usage = Usage(promptTokens: u["prompt_tokens"]?.intValue ?? 0, completionTokens: u["completion_tokens"]?.intValue ?? 0)
        }
        let traceID = reply.headers.first(name: "x-llmops-trace-id")
        let cost: Double?
        if let header = reply.headers.first(name: "x-llmops-cost-usd") { cost = Double(header) } else { cost = await self.cost(ofTrace: traceID) }
        return TargetOutput(text: text, latency: latency, usage: usage, cost: cost, traceID: traceID)
    }

    /// The gateway prices each call and sends the cost in `x-llmops-cost-usd`; a server without that
    /// header (an older one, or a model without a price) has it read back from the trace (nil when unknown).
    private func cost(ofTrace id: String?) async -> Double? {
        guard let id, let trace = try? await client.json(.GET, "/api/traces/" + LLMOpsClient.segment(id)) else { return nil }
        return trace["cost_usd"]?.doubleValue
    }
}
