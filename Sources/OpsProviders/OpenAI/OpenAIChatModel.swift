import AsyncHTTPClient
import Foundation
import NIOCore
import OpsCore

/// Chat completions against any OpenAI-compatible server (OpenAI, vLLM, llama.cpp, Ollama…).
public struct OpenAIChatModel: ChatModel {
    public let deployment: ModelDeployment
    private let client: UpstreamClient

    private let url: UpstreamURL

    public init(deployment: ModelDeployment, client: UpstreamClient) {
        self.deployment = deployment
        self.client = client
        url = UpstreamURL((deployment.baseURL ?? "https://api.openai.com/v1").trimmingSuffix("/") + "/chat/completions")
    }

    private var headers: [(String, String)] {
        guard let key = deployment.apiKey, !key.isEmpty else { return [] }
        return [("authorization", "Bearer \(key)")]
    }

    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        var body = request
        body.stream = false
        let response = try await client.post(url, headers: headers, json: body.upstreamJSON(model: deployment.upstreamModel),
                                             timeouts: request.upstreamTimeouts ?? deployment.timeouts)
        guard response.isSuccess else {
            throw UpstreamErrorReader.error(status: response.status, body: response.bodyBytes, provider: "openai",
                                            retryAfter: response.retryAfter, redacting: deployment.apiKey)
        }
        let json: JSONValue
        do { json = try JSONParser.parse(response.body.readableBytesView) } catch {
            throw OpsError(.upstreamUnavailable, "upstream returned malformed JSON: \(error)", code: "upstream_malformed")
        }
        return try ChatResponse(json: json)
    }

    public func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error> {
        var body = request
        body.stream = true
        let response = try await client.stream(url, headers: headers, json: body.upstreamJSON(model: deployment.upstreamModel),
                                               timeouts: request.upstreamTimeouts ?? deployment.timeouts)
        guard response.isSuccess else {
            throw UpstreamErrorReader.error(status: response.status, body: try await UpstreamClient.collect(response), provider: "openai",
                                            retryAfter: response.retryAfter, redacting: deployment.apiKey)
        }
        return OpenAIStreamReader.chunks(from: response.body, url: url.string)
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
