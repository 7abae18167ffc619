import OpsCore

/// The gateway's request path in one place: resolve the route, consult the exact then the
/// semantic cache, run the plan with retries and fallbacks, and fill the caches on success.
/// A `model` that names no route is called directly as a catalog model.
public struct ChatRouter: Sendable {
    /// How the caches took part in one request, for `x-llmops-cache` and the trace.
    public enum CacheOutcome: Sendable, Equatable {
        /// The client said `Cache-Control: no-cache`, or the route has no cache.
        case bypass
        case miss
        case exactHit
        case semanticHit(similarity: Float)
    }

    /// The answer (or error), the attempts and the cache's part.
    public struct Outcome: Sendable {
        public var execution: Execution<ChatResponse>
        public var cache: CacheOutcome
        public var plan: RoutePlan
    }

    public var routes: RouteTable
    public var breakers: CircuitBreakers
    public var executor: FallbackExecutor
    public var exactCache: ExactCache<CachedAnswer>?
    public var semanticCache: SemanticCache<CachedAnswer>?
    /// Where providers put an upstream's `Retry-After`.
    public var retryAfterHeader: @Sendable (any Error) -> String?

    public init(routes: RouteTable, executor: FallbackExecutor, exactCache: ExactCache<CachedAnswer>? = nil,
                semanticCache: SemanticCache<CachedAnswer>? = nil,
                retryAfterHeader: @escaping @Sendable (any Error) -> String? = { _ in nil }) {
        self.routes = routes
        breakers = executor.breakers
        self.executor = executor
        self.exactCache = exactCache
        self.semanticCache = semanticCache
        self.retryAfterHeader = retryAfterHeader
    }

    /// The route for a request and its attempt plan; a plain model gets a one-step plan with one try
    /// (retries and fallbacks are what routes are for).
    public func plan<R: RandomNumberGenerator>(for request: ChatRequest, using random: inout R) -> (RouteConfig, RoutePlan) {
        plan(for: request, route: routes.route(named: request.model), using: &random)
    }

    /// `plan(for:using:)` with the request's route already looked up (nil: a plain catalog model).
    /// The server looks a call's route up once and passes it to every step, so a route change
    /// applied meanwhile cannot give one call two routes.
    public func plan<R: RandomNumberGenerator>(for request: ChatRequest, route: RouteConfig?, using random: inout R)
        -> (RouteConfig, RoutePlan) {
        let route = route
            ?? RouteConfig(name: request.model, deployments: [.init(model: request.model, weight: 1)],
                           retries: .init(attempts: 0))
        let breakers = self.breakers
        let scope = route.scope
        let planner = RoutePlanner(isUnavailable: { breakers.isRejecting($0, scope: scope) })
        return (route, planner.plan(route, user: request.user, using: &random))
    }

    /// Where a request's answer goes in the caches once it is known.
    public struct CacheFill: Sendable {
        var exactKey: ExactCacheKey?
        var exactTTL: Int
        var probe: SemanticCache<CachedAnswer>.Probe?
        /// Whether any cache applies to the request.
        public var isActive: Bool { exactKey != nil || probe != nil }
        /// No cache takes part.
        public static let none = CacheFill(exactKey: nil, exactTTL: 0, probe: nil)
    }

    /// The cached answer to `request`, if any, and how to cache it otherwise. A streaming request
    /// with a hit is answered by replaying the response as chunks.
    public func lookup(_ request: ChatRequest, route: RouteConfig?, project: String, useCache: Bool = true)
        async -> (hit: (answer: CachedAnswer, cache: CacheOutcome)?, fill: CacheFill) {
        var fill = CacheFill(exactKey: nil, exactTTL: 0, probe: nil)
        guard useCache, let route else { return (nil, fill) }
        if let ttl = route.cache.exactTTLSeconds, ttl > 0, let exactCache {
            let key = ExactCacheKey(project: project, request: request)
            if let cached = exactCache.value(for: key) { return ((cached, .exactHit), fill) }
            (fill.exactKey, fill.exactTTL) = (key, ttl)
        }
        if let threshold = route.cache.semanticThreshold, let semanticCache {
            // An embedder failure costs the cache, never the request.
            fill.probe = try? await semanticCache.probe(project: project, request: request)
            if let probe = fill.probe, let hit = semanticCache.lookup(probe, threshold: threshold) {
                return ((hit.value, .semanticHit(similarity: hit.similarity)), fill)
            }
        }
        return (nil, fill)
    }

    /// Stores a fresh answer where `lookup` said it belongs. `body` is its JSON when the caller has
    /// already serialized it (else it is serialized here); the exact cache weighs the entry by it.
    public func store(_ response: ChatResponse, for fill: CacheFill, body: [UInt8]? = nil) {
        guard fill.isActive else { return }
        let answer = CachedAnswer(response, body: body)
        if let key = fill.exactKey {
            exactCache?.insert(answer, for: key, bytes: answer.body.count, ttl: .seconds(fill.exactTTL))
        }
        if let probe = fill.probe { semanticCache?.insert(answer, for: probe) }
    }

    /// A whole completion, from cache when allowed and available.
    public func complete<R: RandomNumberGenerator>(_ request: ChatRequest, project: String, useCache: Bool = true,
                                                   using random: inout R) async -> Outcome {
        let route = routes.route(named: request.model, project: project)
        let (hit, fill) = await lookup(request, route: route, project: project, useCache: useCache)
        if let hit {
            let (_, plan) = plan(for: request, route: route, using: &random)
            return Outcome(execution: Execution(result: .success(hit.answer.response), attempts: [], deployment: nil),
                           cache: hit.cache, plan: plan)
        }
        let (execution, plan) = await execute(request, route: route, using: &random)
        if case .success(let response) = execution.result { store(response, for: fill) }
        return Outcome(execution: execution, cache: fill.isActive ? .miss : .bypass, plan: plan)
    }

    /// A whole completion through the route's plan, retries and fallbacks, without the caches.
    public func execute<R: RandomNumberGenerator>(_ request: ChatRequest, route: RouteConfig?, using random: inout R)
        async -> (execution: Execution<ChatResponse>, plan: RoutePlan) {
        let (route, plan) = plan(for: request, route: route, using: &random)
        let policy = RetryPolicy(route.retries, retryAfterHeader: retryAfterHeader)
        return (await executor.complete(request, plan: plan, policy: policy, timeouts: route.timeouts, using: &random), plan)
    }

    /// A streamed completion, never from cache: the server calls `lookup` first, and `store` with
    /// the assembled response once the stream has ended well.
    public func stream<R: RandomNumberGenerator>(_ request: ChatRequest, route: RouteConfig?, using random: inout R)
        async -> (execution: Execution<AsyncThrowingStream<ChatChunk, Error>>, plan: RoutePlan) {
        let (route, plan) = plan(for: request, route: route, using: &random)
        let policy = RetryPolicy(route.retries, retryAfterHeader: retryAfterHeader)
        return (await executor.stream(request, plan: plan, policy: policy, timeouts: route.timeouts, using: &random), plan)
    }
}
