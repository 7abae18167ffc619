import OpsCore

/// A route: what clients send as `model`, and how calls to it are spread, retried and cached.
public struct RouteConfig: Sendable, Hashable {
    /// One deployment behind a route and its share of traffic, in percent.
    public struct WeightedDeployment: Sendable, Hashable {
        /// A model name from the catalog.
        public var model: String
        /// Relative share; weights of 95 and 5 send about 5% of traffic to the second.
        public var weight: Double

        public init(model: String, weight: Double) {
            self.model = model
            self.weight = weight
        }
    }

    /// Whether a client sticks to one deployment.
    public enum Stickiness: String, Sendable, Hashable {
        /// Every request is picked afresh.
        case none
        /// Requests with the same `user` go to the same deployment while weights stay.
        case user
    }

    /// How often and how patiently to retry one deployment before falling back.
    public struct Retries: Sendable, Hashable {
        /// Retries after the first try; 0 means one try only.
        public var attempts: Int
        /// The first backoff; later ones double, up to `capMs`.
        public var backoffMs: Int
        public var capMs: Int

        public init(attempts: Int = 2, backoffMs: Int = 50, capMs: Int = 5_000) {
            self.attempts = attempts
            self.backoffMs = backoffMs
            self.capMs = capMs
        }
    }

    /// The caches a route consults; nil switches one off.
    public struct Cache: Sendable, Hashable {
        /// Exact-match entries live this long.
        public var exactTTLSeconds: Int?
        /// Minimum cosine similarity for a semantic hit.
        public var semanticThreshold: Float?

        public init(exactTTLSeconds: Int? = nil, semanticThreshold: Float? = nil) {
            self.exactTTLSeconds = exactTTLSeconds
            self.semanticThreshold = semanticThreshold
        }
    }

    /// Requests and tokens per minute across every caller of the route; nil means unlimited.
    public struct Limits: Sendable, Hashable {
        public var requestsPerMinute: Int?
        public var tokensPerMinute: Int?

        public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil) {
            self.requestsPerMinute = requestsPerMinute
            self.tokensPerMinute = tokensPerMinute
        }
    }

    public var name: String
    public var deployments: [WeightedDeployment]
    public var sticky: Stickiness
    /// Tried in order after the weighted pick fails.
    public var fallbacks: [String]
    public var retries: Retries
    /// Overrides the deployments' own timeouts when set.
    public var timeouts: UpstreamTimeouts?
    public var cache: Cache
    public var limits: Limits
    /// The project whose keys the route serves; nil for the operator's routes, which serve every
    /// project that has no route of the same name.
    public var project: String?

    public init(name: String, deployments: [WeightedDeployment], sticky: Stickiness = .none, fallbacks: [String] = [],
                retries: Retries = Retries(), timeouts: UpstreamTimeouts? = nil, cache: Cache = Cache(),
                limits: Limits = Limits(), project: String? = nil) {
        self.project = project
        self.name = name
        self.deployments = deployments
        self.sticky = sticky
        self.fallbacks = fallbacks
        self.retries = retries
        self.timeouts = timeouts
        self.cache = cache
        self.limits = limits
    }

    /// Where the route's circuit breakers and limit states live: "" for the operator's routes (and
    /// plain models), else its project, so one project's route never opens another's circuits.
    public var scope: String { project ?? "" }

    /// The first model in `allModels`' order that satisfies `accepts`, without building that array
    /// (a cache hit asks this per request to price what it saved).
    public func firstModel(where accepts: (String) -> Bool) -> String? {
        for deployment in deployments where accepts(deployment.model) { return deployment.model }
        return fallbacks.first(where: accepts)
    }

    /// Every model the route may call, weighted ones first, each once.
    public var allModels: [String] {
        var seen = Set<String>()
        return (deployments.map(\.model) + fallbacks).filter { seen.insert($0).inserted }
    }
}
