import OpsCore
import OpsEval

/// The judge's calls go through the server's gateway like the run's own: the `prompt` field names the
/// rubric version, so the server renders it and the trace links to it (metadata marks it as a judge
/// call of the run). Returns the answer's text.
struct GatewayJudgeClient: JudgeClient {
    let client: LLMOpsClient
    let runID: String

    func complete(_ request: JudgeRequest) async throws -> String {
        var body = JSONObject()
        body["prompt"] = ["name": .string(request.prompt), "version": .int(Int64(request.version)),
                          "variables": .object(request.variables)]
        if let model = request.model { body["model"] = .string(model) }
        body["metadata"] = ["experiment_run": .string(runID), "experiment_role": "judge"]
        let reply = try await client.send(.POST, "/v1/chat/completions", body: JSONValue.object(body).serialized())
        let json = try reply.json()
        guard let text = json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue else {
            throw ScorerError("the judge model's answer has no text content")
        }
        return text
    }
}
