import Foundation

/// Runs model work one job at a time, first come first served, off Swift's cooperative pool.
///
/// A forward pass keeps both cores busy for milliseconds to seconds; running it on a
/// dedicated serial queue keeps the server's async tasks responsive, and the queue's FIFO
/// order is what makes concurrent requests fair.
final class ModelQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Runs `job` after every job submitted before it and returns its result.
    func run<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try job() })
            }
        }
    }

    /// Submits `job` without waiting for it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        queue.async(execute: job)
    }
}
