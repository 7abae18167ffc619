/// The error every domain module speaks. The server turns it into an HTTP status and an
/// OpenAI-shaped body in one place (`HTTPErrorMapping`).
public struct OpsError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The client sent something wrong (400).
        case invalidRequest
        /// Authentication missing or wrong (401).
        case unauthorized
        /// Authenticated, but the role lacks the right (403).
        case forbidden
        /// The named thing does not exist (404).
        case notFound
        /// The request clashes with the current state: a name already taken, an item another
        /// reviewer holds or one already done (409).
        case conflict
        /// The body is larger than the configured limit (413).
        case payloadTooLarge
        /// A limit or budget was hit (429).
        case rateLimited
        /// The upstream answered with an error status; 4xx pass through, 5xx become 502.
        case upstream(status: Int)
        /// The upstream could not be reached or broke the protocol (502).
        case upstreamUnavailable
        /// The upstream did not answer in time (504).
        case upstreamTimeout
        /// The server itself failed (500).
        case internalError
        /// The server is not ready (a dependency such as the store is down) (503).
        case unavailable
    }

    public var kind: Kind
    public var message: String
    /// The request field at fault, as OpenAI's `param`.
    public var param: String?
    /// A machine-readable code such as `model_not_found`.
    public var code: String?
    /// The OpenAI error `type` when an upstream supplied one.
    public var type: String?
    /// Response headers that belong with the error, lower-cased names: an upstream's `retry-after`,
    /// a limit's `x-ratelimit-*`.
    public var headers: [String: String]

    public init(_ kind: Kind, _ message: String, param: String? = nil, code: String? = nil, type: String? = nil,
                headers: [String: String] = [:]) {
        self.kind = kind
        self.message = message
        self.param = param
        self.code = code
        self.type = type
        self.headers = headers
    }

    /// The `Retry-After` value the error carries, if any.
    public var retryAfter: String? { headers["retry-after"] }

    public var description: String { message }

    public static func invalid(_ message: String, param: String? = nil, code: String? = nil) -> OpsError {
        OpsError(.invalidRequest, message, param: param, code: code)
    }
}
