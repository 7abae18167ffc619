import AsyncHTTPClient
import OpsCore

/// Embeddings against any OpenAI-compatible server.
public struct OpenAIEmbeddingModel: EmbeddingModel {
    public let deployment: ModelDeployment
    private let client: UpstreamClient

    public init(deployment: ModelDeployment, client: UpstreamClient) {
        self.deployment = deployment
        self.client = client
    }

    public func embed(_ request: EmbeddingRequest) async throws -> EmbeddingResponse {
        let url = UpstreamURL((deployment.baseURL ?? "https://api.openai.com/v1").trimmingSuffix("/") + "/embeddings")
        let headers = deployment.apiKey.map { [("authorization", "Bearer \($0)")] } ?? []
        let response = try await client.post(url, headers: headers, json: request.upstreamJSON(model: deployment.upstreamModel),
                                             timeouts: deployment.timeouts)
        guard response.isSuccess else {
            throw UpstreamErrorReader.error(status: response.status, body: response.bodyBytes, provider: "openai",
                                            retryAfter: response.retryAfter, redacting: deployment.apiKey)
        }
        guard let json = try? JSONParser.parse(response.body.readableBytesView), let data = json["data"]?.arrayValue else {
            throw OpsError(.upstreamUnavailable, "upstream returned a malformed embeddings response", code: "upstream_malformed")
        }
        var vectors = [[Float]](repeating: [], count: data.count)
        for (i, item) in data.enumerated() {
            guard let values = item["embedding"]?.arrayValue else {
                throw OpsError(.upstreamUnavailable, "upstream embedding \(i) has no 'embedding' array", code: "upstream_malformed")
            }
            let index = item["index"]?.intValue ?? i
            guard vectors.indices.contains(index) else {
                throw OpsError(.upstreamUnavailable, "upstream embedding index \(index) out of range", code: "upstream_malformed")
            }
            vectors[index] = values.map { Float($0.doubleValue ?? 0) }
        }
        return EmbeddingResponse(model: json["model"]?.stringValue ?? deployment.upstreamModel, vectors: vectors,
                                 promptTokens: json["usage"]?["prompt_tokens"]?.intValue ?? 0)
    }
}
