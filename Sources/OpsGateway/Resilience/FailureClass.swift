import OpsCore

/// What the gateway does after a failed call, decided from `OpsError.kind` and `code` alone.
public enum FailureClass: Sendable, Hashable {
    /// Transient: 429, 5xx, timeouts, connection failures. Retry, then fall back.
    case retryable
    /// This deployment cannot answer but another might: `context_length_exceeded`, or the upstream
    /// rejecting the gateway's own credentials or model name (401/403/404). Fall back without retrying.
    case fallback
    /// The request itself is at fault (400, the client's 401/403, content policy) or the call was
    /// cancelled: no other deployment would do better, so the error goes to the client.
    case fatal

    /// Codes providers use for a prompt that is too long for the model.
    public static let contextLengthCodes: Set<String> = ["context_length_exceeded", "string_above_max_length"]
    /// Codes providers use for a content-policy refusal.
    public static let contentPolicyCodes: Set<String> = ["content_filter", "content_policy_violation", "content_policy"]

    public init(_ error: any Error) {
        if error is CancellationError {
            self = .fatal
            return
        }
        guard let error = error as? OpsError else {
            // Non-domain errors come from transports (sockets, TLS, DNS): treat them as connection errors.
            self = .retryable
            return
        }
        if let code = error.code {
            if Self.contextLengthCodes.contains(code) { self = .fallback; return }
            if Self.contentPolicyCodes.contains(code) { self = .fatal; return }
        }
        switch error.kind {
        case .rateLimited, .upstreamTimeout, .upstreamUnavailable, .unavailable:
            self = .retryable
        case .upstream(let status) where status == 408 || status == 409 || status == 429 || status >= 500:
            self = .retryable
        case .upstream(let status) where status == 401 || status == 403 || status == 404:
            self = .fallback
        case .internalError:
            self = .fallback
        case .upstream, .invalidRequest, .unauthorized, .forbidden, .notFound, .conflict, .payloadTooLarge:
            self = .fatal
        }
    }

    /// Whether the failure says something about the deployment's health (and so counts toward
    /// opening its circuit). A 400 proves the upstream is up.
    public var countsAsDeploymentFailure: Bool { self == .retryable }
}
