import Logging
import OpsCore
import OpsGateway
import OpsTelemetry
import OpsSQLite
import ServiceLifecycle

/// What every controller shares: the store, the recorder, metrics, the model catalog.
public struct GatewayServices: Sendable {
    public let config: LLMOpsConfig
    public let store: any OpsStore
    public let recorder: TraceRecorder
    public let metrics: GatewayMetrics
    public let catalog: ModelCatalog
    public let authenticator: KeyAuthenticator
    public let clock: any WallClock
    public let logger: Logger
    /// Routes, circuit breakers and caches.
    let routing: GatewayRouting
    /// Rate limits and budgets, kept in the store.
    let limits: LimitEnforcer
    /// With SQLite (one process owns the file) limit states live in memory and are saved in the
    /// background; with PostgreSQL every check is a row-locking transaction shared by all replicas.
    let writeBehindLimits: WriteBehindLimitStore?
    /// Prompt versions for the gateway's `prompt` field, read from the store once.
    let prompts: PromptVersionCache
    /// The hash-chained audit log: `services.audit.record(.keyCreate, by: key, target: id)`.
    public let audit: AuditLog

    init(config: LLMOpsConfig, store: any OpsStore, recorder: TraceRecorder, metrics: GatewayMetrics,
         catalog: ModelCatalog, authenticator: KeyAuthenticator, clock: any WallClock = SystemClock(),
         logger: Logger = Logger(label: "llmops"), routing: GatewayRouting? = nil) {
        self.config = config
        self.store = store
        self.recorder = recorder
        self.metrics = metrics
        self.catalog = catalog
        self.authenticator = authenticator
        self.clock = clock
        self.logger = logger
        self.routing = routing ?? GatewayRouting(catalog: catalog, logger: logger)
        metrics.labelModels(where: { [table = self.routing.table] in catalog.entry(named: $0) != nil || table.hasRoute(named: $0) })
        let shared = config.storage.url.hasPrefix("postgres")
        writeBehindLimits = shared ? nil : WriteBehindLimitStore(backing: store)
        limits = LimitEnforcer(store: writeBehindLimits ?? store, projects: config.projects, clock: clock, logger: logger)
        prompts = PromptVersionCache(store: store)
        audit = AuditLog(store: store, clock: clock, logger: logger)
    }

    /// Applies route changes and follows those made elsewhere.
    var routeSync: RouteSync {
        RouteSync(routing: routing, store: store, clock: clock, interval: .milliseconds(config.server.routesPollMs), logger: logger)
    }

    /// Deletes records past their project's retention (`retention:` in the configuration).
    var retention: RetentionService {
        RetentionService(store: store, config: config.retention, projects: config.projects, clock: clock,
                         metrics: RetentionMetrics(metrics: metrics), audit: audit, logger: logger)
    }

    /// The background services the server runs besides HTTP.
    var backgroundServices: [any Service] {
        var services: [any Service] = [recorder, routeSync]
        if let writeBehindLimits { services.append(LimitFlusher(store: writeBehindLimits, interval: .seconds(1), logger: logger)) }
        if let sqlite = store as? SQLiteStore {
            services.append(SQLiteCheckpointer(store: sqlite, interval: SQLiteCheckpointer.defaultInterval, logger: logger))
        }
        if !config.retention.policy.days.isEmpty || config.projects.contains(where: { !$0.retention.days.isEmpty }) {
            services.append(retention)
        }
        return services
    }

    /// Records a finished call and counts it. In strict mode returns once it is committed;
    /// false when it could not be stored.
    @discardableResult
    func finish(_ trace: Trace) async -> Bool {
        metrics.observe(trace)
        return await recorder.record(trace)
    }
}
