import Foundation
import GRDB
import OpsCore
import Synchronization

/// The embedded store: one SQLite file in WAL mode, read concurrently through a `DatabasePool`
/// while a single writer commits batches.
public final class SQLiteStore: OpsStore, JournaledTraceWriting {
    /// Where the database lives.
    public let path: String
    let pool: DatabasePool
    /// A connection of its own for `checkpoint()`, opened on first use.
    private let checkpointConnection = Mutex<DatabaseQueue?>(nil)
    private let busyTimeout: TimeInterval

    /// WAL pages after which the writer checkpoints by itself. Far above SQLite's 1,000: a server
    /// checkpoints from its own connection (`checkpoint()`, every 100 ms), because the
    /// writer's checkpoint ends in an fsync that held every commit behind it for up to 300 ms on
    /// this machine's disk. The writer's own checkpoint stays as a backstop for processes that never
    /// call `checkpoint()`.
    public static let writerCheckpointPages = 10_000

    /// Opens (or creates) the database at `path`, creating the parent directory when missing.
    /// Call `migrate()` before use.
    public init(path: String, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SQLiteStoreError(.cannotOpen, "cannot create directory \(directory.path) for \(path): \(error)")
        }
        var configuration = Configuration()
        // Without a busy timeout a second process (e.g. `llmops keys create` next to a running
        // server) fails at once with SQLITE_BUSY instead of waiting for the writer.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) plus NORMAL loses at most the last commits on power loss,
            // never consistency, and spares an fsync per transaction.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.writerCheckpointPages)")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SQLiteStoreError(.cannotOpen, "cannot open \(path): \(SQLiteStoreError.wrapping(error, during: "open").message)")
        }
    }

    /// Opens the database named by a storage URL: `sqlite://./relative/path.sqlite`,
    /// `sqlite:///absolute/path.sqlite`, or a plain path.
    public convenience init(url: String) throws {
        try self.init(path: Self.path(fromURL: url))
    }

    /// The file path in a `sqlite://` storage URL.
    public static func path(fromURL url: String) throws -> String {
        guard url.hasPrefix("sqlite:") else {
            if url.contains("://") {
                throw SQLiteStoreError(.cannotOpen, "storage URL \(url) is not a sqlite:// URL")
            }
            return url
        }
        var path = String(url.dropFirst("sqlite:".count))
        if path.hasPrefix("//") { path.removeFirst(2) }
        guard !path.isEmpty else {
            throw SQLiteStoreError(.cannotOpen, "storage URL \(url) names no file (e.g. sqlite://./llmops-data/llmops.sqlite)")
        }
        return path
    }

    /// Applies pending migrations; returns the versions applied by this call, ascending.
    @discardableResult
    public func migrate() async throws -> [Int] {
        let migrator = SQLiteMigrations.migrator
        do {
            let before = try await pool.read { try migrator.appliedIdentifiers($0) }
            try migrator.migrate(pool)
            let after = try await pool.read { try migrator.appliedIdentifiers($0) }
            return after.subtracting(before).compactMap(SQLiteMigrations.version(of:)).sorted()
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "migration of \(path)")
        }
    }

    public func ping() async throws {
        _ = try await read("ping") { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    /// Copies the WAL's committed pages into the database file from a connection of its own,
    /// without waiting for readers or the writer (a passive checkpoint), so the fsync that ends it
    /// never delays a commit. Returns the WAL's size and how much of it is now in the database, in pages.
    @discardableResult
    public func checkpoint() async throws -> (walPages: Int, checkpointedPages: Int) {
        do {
            let connection = try checkpointConnection.withLock { connection -> DatabaseQueue in
                if let connection { return connection }
                var configuration = Configuration()
                configuration.busyMode = .timeout(busyTimeout)
                let opened = try DatabaseQueue(path: path, configuration: configuration)
                connection = opened
                return opened
            }
            let result = try await connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            return (result.walFrameCount, result.checkpointedFrameCount)
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "checkpoint")
        }
    }

    public func close() async throws {
        do {
            try checkpointConnection.withLock { connection in
                try connection?.close()
                connection = nil
            }
            try pool.close()
        } catch {
            throw SQLiteStoreError.wrapping(error, during: "close")
        }
    }

    /// The journal mode SQLite reports, e.g. `wal`.
    public func journalMode() async throws -> String {
        try await read("journal mode") { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch let error as OpsError {
            throw error
        } catch {
            throw SQLiteStoreError.wrapping(error, during: operation)
        }
    }

    func write<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch let error as OpsError {
            // A domain check inside the transaction (a missing version) rolled it back; the caller
            // gets the client's error, not a database failure.
            throw error
        } catch {
            throw SQLiteStoreError.wrapping(error, during: operation)
        }
    }
}
