import Foundation
import HTTPTypes
import Hummingbird
import OpsCore
import OpsGateway

/// One admitted chat call after validation: answers it from cache, or through the router (plain
/// or streamed), and settles its limits and trace.
struct ChatCall {
    let services: GatewayServices
    let request: ChatRequest
    /// The route `request.model` names, looked up once for the whole call; nil for a plain model.
    let route: RouteConfig?
    let admission: LimitEnforcer.Admission
    var cacheFill = ChatRouter.CacheFill.none

    /// Response headers every answer carries: limits, cache, deployment, trace id; and the cost once known.
    /// Appended, not assigned: every name occurs once, so there is nothing to look up or replace.
    func headers(draft: TraceDraft, deployment: String?) -> HTTPFields {
        var headers = HTTPFields()
        headers.reserveCapacity(11)
        headers.append(HTTPField(name: TraceDraft.traceIDHeader, value: draft.trace.id))
        admission.headers.append(to: &headers)
        if let cache = draft.trace.metadata["cache"]?.stringValue { headers.append(HTTPField(name: ChatController.cacheHeader, value: cache)) }
        if let deployment { headers.append(HTTPField(name: ChatController.deploymentHeader, value: deployment)) }
        if let cost = draft.trace.costUSD { headers.append(HTTPField(name: ChatController.costHeader, value: String(cost))) }
        return headers
    }

    func complete(draft: inout TraceDraft) async throws -> Response {
        var random = FastRandom()
        let (execution, _) = await services.routing.router.execute(request, route: route, using: &random)
        draft.record(execution.attempts, request: request, catalog: services.catalog)
        let response = try execution.get()
        let deployment = try deployment(execution.deployment)
        let usage = response.usage
        let cost = CostCalculator.cost(of: usage, for: deployment)
        let first = response.choices.first
        draft.trace.provider = deployment.provider.rawValue
        draft.trace.output = first.map { $0.message.json }
        draft.trace.latencyMs = draft.elapsedMs
        draft.trace.usage = usage
        draft.trace.costUSD = cost
        if let last = draft.trace.generations.indices.last {
            draft.trace.generations[last].finishReason = first?.finishReason
            draft.trace.generations[last].usage = usage
            draft.trace.generations[last].costUSD = cost
            if !response.model.isEmpty { draft.trace.generations[last].resolvedModel = response.model }
        }
        await services.limits.settle(admission, usage: usage, costUSD: cost)
        try await services.finishOrRefuse(draft.trace)
        // Serialized once: the same bytes weigh the cache entry and go to the client.
        let body = response.json.serialized()
        services.routing.router.store(response, for: cacheFill, body: body)
        return JSONResponse.make(body: body, appendingContentTypeTo: headers(draft: draft, deployment: deployment.name))
    }

    func stream(draft: inout TraceDraft) async throws -> Response {
        var random = FastRandom()
        let (execution, _) = await services.routing.router.stream(request, route: route, using: &random)
        draft.record(execution.attempts, request: request, catalog: services.catalog)
        let stream = try execution.get()
        let deployment = try deployment(execution.deployment)
        draft.trace.provider = deployment.provider.rawValue
        draft.trace.ttftMs = nil
        var responder = ChatStreamResponder(services: services, draft: draft, request: request, deployment: deployment,
                                            admission: admission, cacheFill: (request.n ?? 1) == 1 ? cacheFill : .none)
        let totalMs = route?.timeouts?.totalMs ?? deployment.timeouts.totalMs
        responder.totalLimit = .milliseconds(totalMs)
        return responder.response(streaming: stream, headers: headers(draft: draft, deployment: deployment.name))
    }

    /// A cached answer, as JSON or replayed as a stream. It costs nothing; the trace records what
    /// the call would have cost.
    func answer(fromCache answer: CachedAnswer, outcome: ChatRouter.CacheOutcome, draft: inout TraceDraft) async throws -> Response {
        let response = answer.response
        draft.record(cache: outcome)
        let saved = savedCost(response.usage)
        if let saved { draft.trace.metadata["cost_saved_usd"] = .double(saved) }
        draft.trace.provider = "cache"
        draft.trace.usage = response.usage
        draft.trace.costUSD = 0
        draft.trace.output = response.choices.first.map { $0.message.json }
        draft.trace.generations = []
        if request.stream {
            let deployment = ModelDeployment(name: request.model, provider: .local, upstreamModel: response.model,
                                             price: Price(inputPerMTok: 0, outputPerMTok: 0))
            let responder = ChatStreamResponder(services: services, draft: draft, request: request, deployment: deployment,
                                                admission: admission, cacheFill: .none, fromCache: true)
            return responder.response(streaming: CachedStream.stream(from: response, includeUsage: true),
                                      headers: headers(draft: draft, deployment: nil))
        }
        draft.trace.latencyMs = draft.elapsedMs
        await services.limits.settle(admission, usage: response.usage, costUSD: 0)
        try await services.finishOrRefuse(draft.trace)
        return JSONResponse.make(body: answer.body, appendingContentTypeTo: headers(draft: draft, deployment: nil))
    }

    private func deployment(_ name: String?) throws -> ModelDeployment {
        guard let name, let entry = services.catalog.entry(named: name) else {
            throw OpsError(.internalError, "The router answered from an unknown deployment '\(name ?? "")'")
        }
        return entry.deployment
    }

    /// What the cached answer would have cost from the route's first priced deployment.
    private func savedCost(_ usage: Usage?) -> Double? {
        let priced = { (name: String) in services.catalog.entry(named: name)?.deployment.price != nil }
        let name = route.map { $0.firstModel(where: priced) }
            ?? (priced(request.model) ? request.model : nil)
        guard let name, let deployment = services.catalog.entry(named: name)?.deployment else { return nil }
        return CostCalculator.cost(of: usage, for: deployment)
    }
}
