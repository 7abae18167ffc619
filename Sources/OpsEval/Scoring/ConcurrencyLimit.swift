/// At most `limit` operations at once; the others wait their turn in arrival order. Used to keep
/// an external scorer from being started more often than it can take, whatever the item concurrency.
public actor ConcurrencyLimit {
    public let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// The most operations seen running at once (for tests and diagnostics).
    public private(set) var peak = 0

    public init(_ limit: Int) {
        precondition(limit >= 1, "a concurrency limit must be at least 1")
        self.limit = limit
    }

    /// Runs `operation` when a slot is free.
    public func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await operation()
    }

    private func acquire() async {
        if running < limit {
            running += 1
        } else {
            // The slot is handed over by `release`, so `running` stays counted for us.
            await withCheckedContinuation { waiting.append($0) }
        }
        peak = max(peak, running)
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
