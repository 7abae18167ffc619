import OpsCore

/// One call (or refused call) to one deployment while serving a request: what a trace lists so
/// that every attempt is visible, not just the last.
public struct AttemptRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable, Hashable {
        case success
        case failure
        /// The circuit was open when the call was due, so it was not made.
        case rejected
    }

    public var deployment: String
    /// 1 for the first try on this deployment, 2 for its first retry, …
    public var attempt: Int
    public var outcome: Outcome
    /// The HTTP status the attempt amounts to (200 on success).
    public var status: Int
    /// Call time, or time to the first chunk for streams.
    public var latencyMs: Double
    /// How long the executor waited before this attempt.
    public var backoffMs: Double
    public var error: OpsError?

    public init(deployment: String, attempt: Int, outcome: Outcome, status: Int, latencyMs: Double,
                backoffMs: Double = 0, error: OpsError? = nil) {
        self.deployment = deployment
        self.attempt = attempt
        self.outcome = outcome
        self.status = status
        self.latencyMs = latencyMs
        self.backoffMs = backoffMs
        self.error = error
    }

    /// The error as an `OpsError`: transport errors count as an unreachable upstream.
    static func opsError(_ error: any Error) -> OpsError {
        if let error = error as? OpsError { return error }
        if error is CancellationError { return OpsError(.unavailable, "The request was cancelled", code: "cancelled") }
        return OpsError(.upstreamUnavailable, "The upstream could not be reached: \(error)")
    }

    /// The HTTP status the server would give `kind`.
    static func status(of kind: OpsError.Kind) -> Int {
        switch kind {
        case .invalidRequest: return 400
        case .unauthorized: return 401
        case .forbidden: return 403
        case .notFound: return 404
        case .conflict: return 409
        case .payloadTooLarge: return 413
        case .rateLimited: return 429
        case .upstream(let status): return status
        case .upstreamUnavailable: return 502
        case .upstreamTimeout: return 504
        case .internalError: return 500
        case .unavailable: return 503
        }
    }
}
