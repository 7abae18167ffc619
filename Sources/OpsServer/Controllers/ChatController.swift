import Foundation
import HTTPTypes
import Hummingbird
import OpsCore
import OpsGateway

/// `POST /v1/chat/completions`: validates, resolves the model, calls it (plain or streamed) and
/// leaves a trace for every authenticated call, failed ones included.
struct ChatController {
    let services: GatewayServices

    func complete(_ request: Request, context: OpsRequestContext) async throws -> Response {
        try await services.traced("chat.completions", request, context) { draft in
            let body = try await PromptExpansion.expand(JSONResponse.readBody(request, limit: services.config.server.maxBodyBytes), context: context, services: services)
            draft.trace.model = body["model"]?.stringValue ?? ""
            draft.trace.input = body["messages"] ?? .null
            let chat = try ChatRequest(json: body)
            draft.trace.input = .array(chat.messages.map(\.json))
            draft.merge(metadata: chat.metadata, user: chat.user)
            let (deployment, model) = try services.catalog.chatModel(named: chat.model)
            draft.trace.provider = deployment.provider.rawValue
            let generation = Generation(traceID: draft.trace.id, model: chat.model, resolvedModel: deployment.upstreamModel,
                                        provider: deployment.provider.rawValue, parameters: chat.parametersJSON,
                                        startedAt: services.clock.now())
            draft.trace.generations = [generation]
            if chat.stream {
                let stream = try await model.stream(chat)
                draft.trace.ttftMs = nil
                return ChatStreamResponder(services: services, draft: draft, request: chat, deployment: deployment)
                    .response(streaming: stream)
            }
            let response = try await model.complete(chat)
            return try await finishCompletion(response, chat: chat, deployment: deployment, draft: &draft)
        }
    }

    private func finishCompletion(_ response: ChatResponse, chat: ChatRequest, deployment: ModelDeployment,
                                  draft: inout TraceDraft) async throws -> Response {
        let latency = draft.elapsedMs
        let usage = response.usage
        let cost = CostCalculator.cost(of: usage, for: deployment)
        let first = response.choices.first
        draft.trace.output = first.map { $0.message.json }
        draft.trace.latencyMs = latency
        draft.trace.usage = usage
        draft.trace.costUSD = cost
        draft.trace.generations[0].finishReason = first?.finishReason
        draft.trace.generations[0].usage = usage
        draft.trace.generations[0].costUSD = cost
        draft.trace.generations[0].latencyMs = latency
        draft.trace.generations[0].resolvedModel = response.model.isEmpty ? deployment.upstreamModel : response.model
        try await services.finishOrRefuse(draft.trace)
        return JSONResponse.make(response.json, headers: [TraceDraft.traceIDHeader: draft.trace.id])
    }
}
