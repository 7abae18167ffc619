import OpsCore
import OpsGateway
import OpsTelemetry

/// Everything `llmops.yaml` configures. Defaults give a working embedded server.
public struct LLMOpsConfig: Sendable {
    public struct Server: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        public var maxBodyBytes = 8 << 20
        /// How often a replica looks for route changes made elsewhere.
        public var routesPollMs = 2_000
        /// Console sessions, cookies and the throttle on failed authentication.
        public var auth = AuthSettings()
        /// Request timeouts and the connection cap.
        public var connections = ConnectionSettings()
        /// Who may read `/metrics`.
        public var metrics = MetricsSettings()
        public init() {}
    }

    public struct Storage: Sendable {
        /// `sqlite://PATH` or `postgres://user:pass@host:port/db`.
        public var url = "sqlite://./llmops-data/llmops.sqlite"
        public init() {}
    }

    public struct Tracing: Sendable {
        public var durability: TraceDurability = .strict
        public var queueCapacity = 10_000
        public var maxBatch = 1_000
        /// Strict mode on SQLite: acknowledge a call once its trace is in the trace journal (one
        /// `write`) and apply traces to the database in batches (`TraceJournal`). Off: each call
        /// waits for a database commit holding its trace (group commit).
        public var journal = true
        /// How long the writer lets traces gather after a batch smaller than `maxBatch` (fast mode,
        /// and strict mode with the journal): fewer, larger commits cost less per trace.
        public var lingerMs = 20
        public init() {}
    }

    public var server = Server()
    public var storage = Storage()
    public var tracing = Tracing()
    /// Models as configured; `api_key` holds the reference (`env:NAME`), resolved by `SecretResolver`.
    public var models: [ModelConfig] = []
    /// Serve the in-process models (`local/…`) when their weights are present.
    public var localModels = LocalModelsConfig()
    /// Routes as configured at start-up; `llmops routes apply` and `PUT /api/routes` replace them live.
    public var routes: [RouteConfig] = []
    /// Rate limits and budgets per project.
    public var projects: [ProjectLimitsConfig] = []
    /// How long traces, scores and experiment runs are kept, and how the purge paces itself.
    public var retention = RetentionConfig()

    public init() {}
}

/// One entry of `models:`.
public struct ModelConfig: Sendable, Hashable {
    public var name: String
    public var provider: ProviderKind
    public var baseURL: String?
    /// `env:NAME` (read from the environment at start-up) or a literal for local experiments.
    public var apiKey: String?
    public var upstreamModel: String?
    public var price: Price?
    public var timeouts = UpstreamTimeouts()

    public init(name: String, provider: ProviderKind, baseURL: String? = nil, apiKey: String? = nil,
                upstreamModel: String? = nil, price: Price? = nil) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.upstreamModel = upstreamModel
        self.price = price
    }
}

/// Where the in-process model weights are, and whether to serve them.
public struct LocalModelsConfig: Sendable, Hashable {
    public var enabled = true
    /// Folder `make models` fills; nil means `./models`.
    public var directory: String?
    public init() {}
}
