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

    public init(deployment: ModelDeployment, client: UpstreamClient) {
        self.deployment = deployment
        self.client = client
    }

    private var url: String { (deployment.baseURL ?? "https://api.anthropic.com/v1").trimmingSuffix("/") + "/messages" }

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
        let response = try await client.post(url: url, headers: headers, json: json, timeouts: deployment.timeouts)
        let bytes = try await UpstreamClient.collect(response)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            throw UpstreamErrorReader.error(status: status, body: bytes, provider: "anthropic",
                                            retryAfter: response.headers.first(name: "retry-after"))
        }
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(bytes) } catch {
            throw OpsError(.upstreamUnavailable, "upstream returned malformed JSON: \(error)", code: "upstream_malformed")
        }
        return try AnthropicResponseTranslator.response(from: parsed, created: Self.now)
    }

    public func stream(_ request: ChatRequest) async throws -> AsyncThrowingStream<ChatChunk, Error> {
        var body = request
        body.stream = true
        let json = try AnthropicRequestTranslator.body(for: body, model: deployment.upstreamModel)
        let response = try await client.post(url: url, headers: headers, json: json, timeouts: deployment.timeouts)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            throw UpstreamErrorReader.error(status: status, body: try await UpstreamClient.collect(response),
                                            provider: "anthropic",
                                            retryAfter: response.headers.first(name: "retry-after"))
        }
        return AnthropicStreamReader.chunks(from: response.body, url: url,
                                            translator: AnthropicStreamTranslator(created: Self.now))
    }
}
