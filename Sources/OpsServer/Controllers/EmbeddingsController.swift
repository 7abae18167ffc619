import Foundation
import HTTPTypes
import Hummingbird
import OpsCore
import OpsGateway

/// `POST /v1/embeddings`, answered as floats or base64 (what the `openai` SDK asks for by default).
/// It goes through the same admission as chat: the key's model restriction, rate limits and budgets
/// (429 with `x-ratelimit-*` headers), and every call, refused or not, is traced.
struct EmbeddingsController {
    let services: GatewayServices

    func embed(_ request: Request, context: OpsRequestContext) async throws -> Response {
        try await services.traced("embeddings", request, context) { draft in
            let body = try await JSONResponse.readBody(request, limit: services.config.server.maxBodyBytes)
            draft.trace.model = body["model"]?.stringValue ?? ""
            draft.trace.input = body["input"] ?? .null
            let embedRequest = try EmbeddingRequest(json: body)
            draft.merge(metadata: embedRequest.metadata, user: embedRequest.user)
            let key = try context.requireKey()
            try ModelAdmission.requireAllowed(embedRequest.model, for: key)
            let (deployment, model) = try services.catalog.embeddingModel(named: embedRequest.model)
            let admission = try await services.limits.admit(key: key, route: nil,
                                                            estimatedTokens: ModelAdmission.estimatedTokens(embedRequest))
            draft.trace.provider = deployment.provider.rawValue
            draft.trace.generations = [Generation(traceID: draft.trace.id, model: embedRequest.model,
                                                  resolvedModel: deployment.upstreamModel, provider: deployment.provider.rawValue,
                                                  parameters: ["encoding_format": .string(embedRequest.encodingFormat)],
                                                  startedAt: services.clock.now())]
            let result = try await model.embed(embedRequest)
            let usage = Usage(promptTokens: result.promptTokens, completionTokens: 0)
            let cost = CostCalculator.cost(of: usage, for: deployment)
            draft.trace.latencyMs = draft.elapsedMs
            draft.trace.usage = usage
            draft.trace.costUSD = cost
            draft.trace.output = ["vectors": .int(Int64(result.vectors.count)),
                                  "dimensions": .int(Int64(result.vectors.first?.count ?? 0))]
            draft.trace.generations[0].usage = usage
            draft.trace.generations[0].costUSD = cost
            draft.trace.generations[0].latencyMs = draft.trace.latencyMs
            await services.limits.settle(admission, usage: usage, costUSD: cost)
            try await services.finishOrRefuse(draft.trace)
            var headers: HTTPFields = [TraceDraft.traceIDHeader: draft.trace.id]
            admission.headers.append(to: &headers)
            return JSONResponse.make(Self.json(result, requestedModel: embedRequest.model, format: embedRequest.encodingFormat),
                                     headers: headers)
        }
    }

    static func json(_ result: EmbeddingResponse, requestedModel: String, format: String) -> JSONValue {
        let data: [JSONValue] = result.vectors.enumerated().map { index, vector in
            let embedding: JSONValue = format == "base64"
                ? .string(base64(vector))
                : .array(vector.map { .double(Double($0)) })
            return ["object": "embedding", "index": .int(Int64(index)), "embedding": embedding]
        }
        return ["object": "list", "data": .array(data), "model": .string(requestedModel),
                "usage": ["prompt_tokens": .int(Int64(result.promptTokens)), "total_tokens": .int(Int64(result.promptTokens))]]
    }

    /// Little-endian float32 bytes, base64-encoded, as OpenAI sends them.
    static func base64(_ vector: [Float]) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(vector.count * 4)
        for value in vector {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
    }
}
