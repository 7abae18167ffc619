import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import OpsCore
import OpsGateway
import OpsProviders
import OpsTelemetry
import ServiceLifecycle

/// Builds the whole server from configuration: store, migrations, catalog, recorder, routes.
public struct LLMOpsServer: Sendable {
    public let services: GatewayServices
    public let upstreamClient: UpstreamClient

    /// Opens the store, applies migrations and builds the catalog. Call `run` or `application` next.
    public static func make(config: LLMOpsConfig, dataDirectory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "llmops"), clock: any WallClock = SystemClock()) async throws -> LLMOpsServer {
        let store = try await StoreFactory.open(url: config.storage.url, dataDirectory: dataDirectory, logger: logger)
        return try await make(config: config, store: store, environment: environment, logger: logger, clock: clock,
                              dataDirectory: dataDirectory)
    }

    /// Builds the server around an already opened store (migrations are applied here). `clock` is
    /// the wall clock of keys, sessions and limits (tests fix it). `dataDirectory` is where the
    /// master key file of `secret:NAME` references is looked for when `LLMOPS_MASTER_KEY` is unset.
    public static func make(config: LLMOpsConfig, store: any OpsStore, environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "llmops"), clock: any WallClock = SystemClock(),
                            dataDirectory: String? = nil) async throws -> LLMOpsServer {
        try await store.migrate()
        let secrets = await ModelSecrets.load(models: config.models, store: store,
                                              source: MasterKeySource(environment: environment, storageURL: config.storage.url,
                                                                      dataDirectory: dataDirectory))
        let metrics = GatewayMetrics()
        let journal = try openTraceJournal(config: config, store: store, logger: logger)
        let recorder = TraceRecorder(store: store, durability: config.tracing.durability, capacity: config.tracing.queueCapacity,
                                     maxBatch: config.tracing.maxBatch, metrics: metrics,
                                     fastLinger: .milliseconds(config.tracing.lingerMs), home: .eventLoop, journal: journal,
                                     logger: logger)
        let client = UpstreamClient()
        let services: GatewayServices
        do {
            let catalog = try CatalogBuilder(config: config, environment: environment, secrets: secrets, client: client, logger: logger).build()
            let embedder = (catalog.entry(named: LocalModelLoader.embeddingName)?.embeddings as? EmbedderEndpoint)?.embedder
            let routing = try GatewayRouting.validated(routes: config.routes, catalog: catalog, embedder: embedder, logger: logger)
            services = GatewayServices(config: config, store: store, recorder: recorder, metrics: metrics, catalog: catalog,
                                       authenticator: KeyAuthenticator(store: store, clock: clock, settings: config.server.auth),
                                       clock: clock, logger: logger, routing: routing)
        } catch {
            // The client must be shut down before it is released, even when configuration is wrong.
            try? await client.shutdown()
            throw error
        }
        do {
            // Routes applied with `llmops routes apply` or the API outlive restarts.
            try await services.routeSync.refresh()
        } catch {
            logger.error("the stored routes could not be applied; serving the routes of the configuration: \(error)")
        }
        return LLMOpsServer(services: services, upstreamClient: client)
    }

    /// Strict mode's trace journal when the store keeps one (SQLite) and `tracing.journal` is on,
    /// with what the previous run left applied. Another process holding it (a second server on the
    /// same database) leaves this one committing each call's trace before answering.
    private static func openTraceJournal(config: LLMOpsConfig, store: any OpsStore, logger: Logger) throws -> TraceJournal? {
        guard config.tracing.durability == .strict, config.tracing.journal, let journaled = store as? any JournaledTraceWriting else {
            return nil
        }
        do {
            return try JournalRecovery.open(for: journaled, logger: logger)?.journal
        } catch TraceJournalError.locked(let reason) {
            logger.warning("\(reason); this server commits each trace before answering instead")
            return nil
        }
    }

    /// The Hummingbird application; the recorder runs as a service shut down after the HTTP
    /// server, so in-flight requests drain first and their traces are flushed last.
    public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router(context: OpsRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(logger: services.logger))
        Routes.register(on: router, services: services)
        let config = services.config
        let connections = config.server.connections
        let limiter = ConnectionLimiter(configured: connections.maxConnections)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [limiter.handler(),
                                        RequestDeadlineHandler(headerTimeout: .seconds(Int64(connections.headerTimeoutSeconds)),
                                                               bodyTimeout: .seconds(Int64(connections.bodyTimeoutSeconds)))],
            idleTimeout: .seconds(Int64(connections.idleTimeoutSeconds)))
        return Application(router: router, server: .http1(configuration: http1),
                           configuration: .init(address: .hostname(config.server.host, port: config.server.port), serverName: "llmops"),
                           services: services.backgroundServices,
                           onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
                           logger: services.logger)
    }

    /// Closes the store and the upstream client after the application stopped.
    public func shutdown() async {
        try? await upstreamClient.shutdown()
        try? await services.store.close()
    }
}
