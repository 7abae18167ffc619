/// Why a `PlainHTTP1Client` exchange failed; `UpstreamClient.transportError` turns these into
/// 504 `upstream_timeout` or 502 `upstream_unavailable`.
public enum PlainHTTP1Error: Error, CustomStringConvertible {
    /// No response head within the first-token time.
    case headTimeout
    /// The body stalled longer than the read timeout.
    case readTimeout
    /// The connection closed before the response ended. `beforeResponse` means no byte of the
    /// answer arrived, so a request on a reused keep-alive connection may be sent again.
    case connectionClosed(beforeResponse: Bool)
    /// The body grew past the limit.
    case bodyTooLarge(limit: Int)
    /// The client was shut down.
    case shutDown

    public var isTimeout: Bool {
        switch self {
        case .headTimeout, .readTimeout: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .headTimeout: "no response head in time"
        case .readTimeout: "the response body stalled"
        case .connectionClosed(let before): before ? "connection closed before the response" : "connection closed mid-response"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .shutDown: "the upstream client is shut down"
        }
    }
}
