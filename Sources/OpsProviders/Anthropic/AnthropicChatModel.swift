import AsyncHTTPClient
import Foundation
import NIOCore
import OpsCore

/// Chat completions against Anthropic's Messages API, translated both ways so clients speak
/// OpenAI's format only.
public struct AnthropicChatModel: ChatModel {
    /// The `anthropic-version` header this translation is written against.
    public static let apiVersion = "2023-06-01"

    public let deployment: ModelDeployment
    private let client: UpstreamClient

    private let url: UpstreamURL

    public init(deployment: ModelDeployment, client: UpstreamClient) {
        self.deployment = deployment
        self.client = client
        url = UpstreamURL((deployment.baseURL ?? "https://api.anthropic.com/v1").trimmingSuffix("/") + "/messages")
    }

    private var headers: [(String, String)] {
        var headers = [("anthropic-version", Self.apiVersion)]
        if let key = deployment.apiKey, !key.isEmpty { headers.append(("x-api-key", key)) }
        return headers
    }

    private static var now: Int { Int(Date().timeIntervalSince1970) }

    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        var body = request
        body.stream = false
        let json = try AnthropicRequestTranslator.body(for: body, model: deployment.upstreamModel)
        let response = try await client.post(url, headers: headers, json: json, timeouts: request.upstreamTimeouts ?? deployment.timeouts)
        guard response.isSuccess else {
            throw UpstreamErrorReader.error(status: response.status, body: response.bodyBytes, provider: "anthropic",
                                            retryAfter: response.retryAfter, redacting: deployment.apiKey)
        }
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(response.body.readableBytesView) } catch {
            throw OpsError(.upstreamUnavailable, "upstream returned malformed JSON: \(error)", code: "upstream_malformed")
        }
        return try AnthropicResponseTranslator.response(from: parsed, created: Self.now)
    }

    public func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error> {
        var body = request
        body.stream = true
        let json = try AnthropicRequestTranslator.body(for: body, model: deployment.upstreamModel)
        let response = try await client.stream(url, headers: headers, json: json, timeouts: request.upstreamTimeouts ?? deployment.timeouts)
        guard response.isSuccess else {
            throw UpstreamErrorReader.error(status: response.status, body: try await UpstreamClient.collect(response),
                                            provider: "anthropic", retryAfter: response.retryAfter, redacting: deployment.apiKey)
        }
        return AnthropicStreamReader.chunks(from: response.body, url: url.string,
                                            translator: AnthropicStreamTranslator(created: Self.now))
    }
}
