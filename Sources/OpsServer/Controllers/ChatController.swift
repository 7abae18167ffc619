import Foundation
import HTTPTypes
import Hummingbird
import OpsCore
import OpsGateway

/// `POST /v1/chat/completions`: validates, checks the key's routes and limits, answers from cache
/// when it can, else runs the route's plan (retries, fallbacks, circuit breakers) plain or streamed,
/// and leaves a trace listing every attempt for every authenticated call, failed ones included.
struct ChatController {
    let services: GatewayServices

    static let cacheHeader = HTTPField.Name("x-llmops-cache")!
    static let deploymentHeader = HTTPField.Name("x-llmops-deployment")!
    /// What a non-streamed answer cost in US dollars, as its trace records it (absent when the model
    /// has no price), so a client such as `llmops eval run` need not read the trace back.
    static let costHeader = HTTPField.Name("x-llmops-cost-usd")!

    func complete(_ request: Request, context: OpsRequestContext) async throws -> Response {
        try await services.traced("chat.completions", request, context) { draft in
            let body = try await PromptExpansion.expand(JSONResponse.readBody(request, limit: services.config.server.maxBodyBytes), context: context, services: services)
            draft.trace.model = body["model"]?.stringValue ?? ""
            draft.trace.input = body["messages"] ?? .null
            let chat = try ChatRequest(json: body)
            draft.trace.input = .array(chat.messages.map(\.json))
            draft.merge(metadata: chat.metadata, user: chat.user)
            let key = try context.requireKey()
            let route = try resolve(chat.model, for: key)
            if let route { draft.trace.metadata["route"] = .string(route.name) }
            let admission = try await services.limits.admit(key: key, route: route,
                                                            estimatedTokens: LimitEnforcer.estimatedTokens(chat))
            var call = ChatCall(services: services, request: chat, route: route, admission: admission)
            let (hit, fill) = await services.routing.router.lookup(chat, route: route, project: key.project,
                                                                       useCache: !Self.noCache(request))
            call.cacheFill = fill
            if let hit { return try await call.answer(fromCache: hit.answer, outcome: hit.cache, draft: &draft) }
            if fill.isActive { draft.record(cache: .miss) }
            return try await chat.stream ? call.stream(draft: &draft) : call.complete(draft: &draft)
        }
    }

    /// The route `model` names, or nil for a plain catalog model; a model the key may not call is 403,
    /// an unknown one 404.
    private func resolve(_ model: String, for key: APIKey) throws -> RouteConfig? {
        try ModelAdmission.requireAllowed(model, for: key)
        if let route = services.routing.table.route(named: model, project: key.project) { return route }
        _ = try services.catalog.chatModel(named: model)
        return nil
    }

    /// `Cache-Control: no-cache` (or `no-store`) skips the cache lookup and fill.
    static func noCache(_ request: Request) -> Bool {
        guard let value = request.headers[.cacheControl]?.lowercased() else { return false }
        return value.contains("no-cache") || value.contains("no-store")
    }
}
