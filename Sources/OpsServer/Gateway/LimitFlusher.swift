import Logging
import OpsGateway
import ServiceLifecycle

/// Writes the in-memory limit states to the store every `interval`, and once more at shutdown.
struct LimitFlusher: Service {
    let store: WriteBehindLimitStore
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // Woken by a graceful shutdown too, so SIGTERM (and a test's stop) does not wait out the interval.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            await flush()
        }
        await flush()
    }

    private func flush() async {
        do { try await store.flush() } catch {
            logger.error("could not save limit states (they stay in memory and are retried): \(error)")
        }
    }
}
