import Logging
import OpsSQLite
import ServiceLifecycle

/// Checkpoints the SQLite WAL every `interval` from a connection of its own, so the writer (and in
/// strict mode every client waiting for its commit) never waits for a checkpoint's fsync.
struct SQLiteCheckpointer: Service {
    let store: SQLiteStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do { try await store.checkpoint() } catch {
                logger.warning("WAL checkpoint failed (the writer's own checkpoint remains as a backstop): \(error)")
            }
        }
    }
}
