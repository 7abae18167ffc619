import Foundation
import OpsCore

/// Runs a `RoutePlan` against chat models: retries each deployment per the policy, falls back to
/// the next on failure, and records every attempt. Streams fall back only until their first
/// chunk; after it, an error travels down the stream to the client.
public struct FallbackExecutor: Sendable {
    /// The chat model for a catalog name, e.g. `{ try? catalog.chatModel(named: $0).1 }`.
    public var models: @Sendable (String) -> (any ChatModel)?
    public var breakers: CircuitBreakers
    public var clock: any MonotonicClock
    /// For `Retry-After` dates.
    public var wallClock: any WallClock

    public init(models: @escaping @Sendable (String) -> (any ChatModel)?, breakers: CircuitBreakers,
                clock: any MonotonicClock, wallClock: any WallClock) {
        self.models = models
        self.breakers = breakers
        self.clock = clock
        self.wallClock = wallClock
    }

    /// A whole completion; each call is bounded by `timeouts.totalMs` when given.
    public func complete<R: RandomNumberGenerator>(_ request: ChatRequest, plan: RoutePlan, policy: RetryPolicy,
                                                   timeouts: UpstreamTimeouts? = nil,
                                                   using random: inout R) async -> Execution<ChatResponse> {
        let limit = timeouts.map { Duration.milliseconds($0.totalMs) }
        return await run(request, plan: plan, policy: policy, timeouts: timeouts, using: &random) { [clock] model, request in
            try await Deadline.run(within: limit, clock: clock, what: "The answer from '\(request.model)'") {
                try await model.complete(request)
            }
        }
    }

    /// A streamed completion; the returned stream starts with the chunk that proved the deployment
    /// works, which must arrive within `timeouts.firstTokenMs` when given.
    public func stream<R: RandomNumberGenerator>(_ request: ChatRequest, plan: RoutePlan, policy: RetryPolicy,
                                                 timeouts: UpstreamTimeouts? = nil,
                                                 using random: inout R) async -> Execution<AsyncThrowingStream<ChatChunk, Error>> {
        let limit = timeouts.map { Duration.milliseconds($0.firstTokenMs) }
        return await run(request, plan: plan, policy: policy, timeouts: timeouts, using: &random) { [clock] model, request in
            try await Deadline.run(within: limit, clock: clock, what: "The first chunk from '\(request.model)'") {
                try await PrimedStream.prime(model.stream(request))
            }
        }
    }

    private func run<Value: Sendable, R: RandomNumberGenerator>(
        _ request: ChatRequest, plan: RoutePlan, policy: RetryPolicy, timeouts: UpstreamTimeouts?, using random: inout R,
        call: (any ChatModel, ChatRequest) async throws -> Value
    ) async -> Execution<Value> {
        var attempts: [AttemptRecord] = []
        var lastError: (any Error)?
        steps: for step in plan.steps {
            guard let model = models(step.model) else {
                lastError = OpsError(.internalError, "The route '\(plan.route)' names '\(step.model)', which is not configured",
                                     code: "deployment_not_configured")
                attempts.append(Self.failed(step.model, attempt: 1, latency: .zero, backoff: .zero, error: lastError!))
                continue
            }
            var routed = request
            routed.model = step.model
            // The provider applies the route's connect and response-head limits to each attempt.
            if let timeouts { routed.upstreamTimeouts = timeouts }
            let breaker = breakers.breaker(for: step.model, scope: plan.scope)
            var attempt = 1
            var backoff = Duration.zero
            while true {
                guard breaker.acquire() else {
                    attempts.append(AttemptRecord(deployment: step.model, attempt: attempt, outcome: .rejected, status: 503,
                                                  latencyMs: 0, backoffMs: backoff.milliseconds))
                    continue steps
                }
                let started = clock.now()
                do {
                    let value = try await call(model, routed)
                    breaker.recordSuccess()
                    attempts.append(AttemptRecord(deployment: step.model, attempt: attempt, outcome: .success, status: 200,
                                                  latencyMs: (clock.now() - started).milliseconds, backoffMs: backoff.milliseconds))
                    return Execution(result: .success(value), attempts: attempts, deployment: step.model)
                } catch {
                    let failure = FailureClass(error)
                    if error is CancellationError { breaker.recordNeutral() }
                    else if failure.countsAsDeploymentFailure { breaker.recordFailure() }
                    else { breaker.recordSuccess() }
                    attempts.append(Self.failed(step.model, attempt: attempt, latency: clock.now() - started,
                                                backoff: backoff, error: error))
                    lastError = error
                    switch policy.decide(after: error, attempt: attempt, now: wallClock.now(), using: &random) {
                    case .fail:
                        return Execution(result: .failure(error), attempts: attempts, deployment: nil)
                    case .fallback:
                        continue steps
                    case .retry(let wait):
                        do { try await clock.sleep(for: wait) } catch {
                            return Execution(result: .failure(error), attempts: attempts, deployment: nil)
                        }
                        backoff = wait
                        attempt += 1
                    }
                }
            }
        }
        let error = lastError ?? Self.nothingAvailable(plan)
        return Execution(result: .failure(error), attempts: attempts, deployment: nil)
    }

    private static func failed(_ deployment: String, attempt: Int, latency: Duration, backoff: Duration,
                               error: any Error) -> AttemptRecord {
        let ops = AttemptRecord.opsError(error)
        return AttemptRecord(deployment: deployment, attempt: attempt, outcome: .failure,
                             status: AttemptRecord.status(of: ops.kind), latencyMs: latency.milliseconds,
                             backoffMs: backoff.milliseconds, error: ops)
    }

    /// The error when every deployment of a route was skipped or refused by its circuit.
    static func nothingAvailable(_ plan: RoutePlan) -> OpsError {
        let open = plan.skipped.isEmpty ? "" : " (circuit open: \(plan.skipped.joined(separator: ", ")))"
        return OpsError(.unavailable, "No deployment of the route '\(plan.route)' is available\(open)",
                        code: "no_deployment_available")
    }
}
