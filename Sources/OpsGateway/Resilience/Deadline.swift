import OpsCore

/// Bounds one upstream call by the route's timeout: whichever finishes first, the call or the
/// clock, wins, and the loser is cancelled. A timeout is an `upstreamTimeout`, so it retries and
/// falls back like any other transient failure.
enum Deadline {
    static func run<Value: Sendable>(within limit: Duration?, clock: any MonotonicClock, what: String,
                                     _ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
        guard let limit else { return try await body() }
        return try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await clock.sleep(for: limit)
                throw OpsError(.upstreamTimeout, "\(what) took longer than \(Int(limit.milliseconds)) ms", code: "timeout")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
