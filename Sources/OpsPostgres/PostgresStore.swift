import Foundation
import Logging
import OpsCore
import PostgresNIO

/// The multi-instance store: several `llmops serve` replicas share one PostgreSQL database.
///
/// The store owns its `PostgresClient` and the task that runs the client's connection pool:
/// `init` starts it, `close()` cancels it and waits for the pool to shut down. That keeps the
/// store usable the same way as `SQLiteStore` (open, use, close) without a service group.
public final class PostgresStore: OpsStore {
    /// The parsed storage URL (its password is not printed by `description`).
    public let url: PostgresURL
    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    /// How long `ping()` and `migrate()` wait for a connection before reporting the store unavailable.
    let connectTimeout: Duration

    /// Connects lazily to the database named by `url` (`postgres://user:pass@host:port/db`).
    /// Throws a `PostgresStoreError` naming the bad part of a malformed URL.
    public convenience init(url: String, logger: Logger = Logger(label: "llmops.postgres"),
                            connectTimeout: Duration = .seconds(5)) throws {
        try self.init(url: PostgresURL(url), logger: logger, connectTimeout: connectTimeout)
    }

    public init(url: PostgresURL, logger: Logger = Logger(label: "llmops.postgres"),
                connectTimeout: Duration = .seconds(5)) {
        self.url = url
        self.logger = logger
        self.connectTimeout = connectTimeout
        let tls: PostgresClient.Configuration.TLS
        switch (url.tls, Self.tlsConfiguration(for: url.tls)) {
        case (.prefer, let configuration?): tls = .prefer(configuration)
        case (_, let configuration?): tls = .require(configuration)
        case (_, nil): tls = .disable
        }
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.username,
                                                         password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        if let schema = url.schema {
            // A startup parameter, so every pooled connection works in the schema from its first query.
            configuration.options.additionalStartupParameters = [("search_path", schema)]
        }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runTask = Task { await client.run() }
    }

    deinit { runTask.cancel() }

    /// Applies pending migrations in one transaction under an advisory lock, so replicas starting
    /// together apply each migration exactly once; returns the versions this call applied.
    @discardableResult
    public func migrate() async throws -> [Int] {
        try await withConnectTimeout("migration") { [self] in
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.advisoryLockKey))",
                                           logger: self.logger)
                if let schema = self.url.schema {
                    try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"),
                                               logger: self.logger)
                }
                try await connection.query(PostgresQuery(unsafeSQL: PostgresMigrations.createLedger), logger: self.logger)
                var applied = Set<Int>()
                for try await version in try await connection.query("SELECT version FROM schema_migrations",
                                                                    logger: self.logger).decode(Int.self) {
                    applied.insert(version)
                }
                var newlyApplied: [Int] = []
                for migration in PostgresMigrations.all where !applied.contains(migration.version) {
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    }
                    try await connection.query("""
                        INSERT INTO schema_migrations (version, name, applied_at) \
                        VALUES (\(migration.version), \(migration.name), \(Date().epochMicros))
                        """, logger: self.logger)
                    newlyApplied.append(migration.version)
                }
                return newlyApplied
            }
        }
    }

    public func ping() async throws {
        try await withConnectTimeout("ping") { [self] in
            _ = try await client.query("SELECT 1", logger: logger)
        }
    }

    /// Stops the connection pool and waits until it has closed its connections.
    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }

    /// Runs `body`, turning driver errors into `PostgresStoreError`. While the server is down the
    /// pool holds queries until its own circuit breaker trips (a minute); a query still waiting
    /// after twice the connect timeout fails as `.unavailable` instead, so a caller answers 503 in
    /// seconds rather than holding its client.
    @discardableResult
    func run<T: Sendable>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        let timeout = connectTimeout * 2
        let outcome = try await withoutActuallyEscaping(body) { body in
            // The group awaits both children before returning, so `body` never outlives this call.
            nonisolated(unsafe) let body = body
            return try await withThrowingTaskGroup(of: Outcome<T>.self) { group in
                group.addTask { .finished(try await self.runUnbounded(operation, body)) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return .timedOut
                }
                defer { group.cancelAll() }
                return try await group.next() ?? .timedOut
            }
        }
        switch outcome {
        case .finished(let value): return value
        case .timedOut: throw PostgresStoreError(.unavailable, "\(operation) got no answer within \(timeout)")
        }
    }

    /// `run` with no time limit: for callers that bound the wait themselves (`withConnectTimeout`
    /// races the query and then asks a fresh connection why it failed).
    func runUnbounded<T: Sendable>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as OpsError {
            throw error
        } catch let error as PostgresTransactionError where error.closureError is OpsError {
            // A domain check inside the transaction (a missing version) rolled it back; the caller
            // gets the client's error, not a database failure.
            throw error.closureError!
        } catch {
            throw PostgresStoreError.wrapping(error, during: operation)
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case finished(T)
        case timedOut
    }
}
