/// An error type of a module (a store, a provider) that says how it reaches a client: the server
/// renders every such error through its `opsError` in one place, and never its description, which
/// may carry a driver's message meant for the operator's log.
public protocol OpsErrorConvertible: Error {
    /// The status, type, code and client-safe message of this error.
    var opsError: OpsError { get }
}

extension OpsError {
    /// The answer to a store that cannot be reached or cannot write: a 503 the client may retry,
    /// without the store's own words.
    public static func storeUnavailable(retryAfterSeconds: Int = 2) -> OpsError {
        OpsError(.unavailable, "The store is unavailable; try again shortly", code: "store_unavailable",
                 headers: ["retry-after": String(retryAfterSeconds)])
    }

    /// The answer to a store failure that is not an outage (a broken row, an unexpected database
    /// error): a 500 that says no more than that.
    public static let storeFailed = OpsError(.internalError, "The store failed to complete the request", code: "store_error")
}
