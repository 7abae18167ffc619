import OpsCore
import Synchronization

/// Runs an operation but stops waiting for it after `timeout`. The operation is cancelled and left
/// to finish on its own: a store call stuck on a dead connection must not stall the writer.
enum Deadline {
    static func run(_ timeout: Duration, _ what: String, _ operation: @escaping @Sendable () async throws -> Void) async throws {
        let resumed = Mutex(false)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let work = Task {
                let result: Result<Void, any Error>
                do { try await operation(); result = .success(()) } catch { result = .failure(error) }
                if resumed.withLock({ done in defer { done = true }; return !done }) { continuation.resume(with: result) }
            }
            Task {
                try? await Task.sleep(for: timeout)
                if resumed.withLock({ done in defer { done = true }; return !done }) {
                    work.cancel()
                    continuation.resume(throwing: OpsError(.unavailable, "\(what) did not finish within \(timeout)"))
                }
            }
        }
    }
}
