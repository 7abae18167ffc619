import Foundation

/// How the server guards sign-in: console sessions, cookies, and the throttle on failed
/// authentication. Read from `server.*` keys (`server.session_ttl_s` → `LLMOPS_SERVER_SESSION_TTL_S`).
public struct AuthSettings: Sendable {
    /// How long a console session lasts after sign-in (`server.session_ttl_s`).
    public var sessionTTLSeconds = 12 * 3_600
    /// Marks console cookies `Secure` (`server.secure_cookies`): set it when browsers reach the
    /// server over HTTPS, directly or through a proxy.
    public var secureCookies = false
    /// Failed authentications one client address may make per window (`server.auth_failures_per_address`).
    public var failuresPerAddress = 10
    /// Failed authentications with keys that begin alike (`server.auth_failures_per_prefix`).
    public var failuresPerPrefix = 20
    /// The throttle's window (`server.auth_failure_window_s`).
    public var failureWindowSeconds = 60
    /// A request header naming the client's address, set by a proxy in front of the server
    /// (`server.client_address_header`, e.g. `X-Forwarded-For`; its last entry is used). Unset, the
    /// connection's peer address is the client's: a header a client writes itself proves nothing.
    public var clientAddressHeader: String?

    public init() {}

    /// The keys `ConfigLoader` lets the environment override.
    static let scalarKeys: [[String]] = [
        ["server", "session_ttl_s"], ["server", "secure_cookies"], ["server", "auth_failures_per_address"],
        ["server", "auth_failures_per_prefix"], ["server", "auth_failure_window_s"], ["server", "client_address_header"],
    ]

    /// Reads the `server` mapping's keys; absent ones keep their defaults.
    init(_ server: ConfigMapping) throws {
        if let ttl = try server.int("session_ttl_s", in: 60...31_536_000) { sessionTTLSeconds = ttl }
        if let secure = try server.bool("secure_cookies") { secureCookies = secure }
        if let n = try server.int("auth_failures_per_address", in: 1...1_000_000) { failuresPerAddress = n }
        if let n = try server.int("auth_failures_per_prefix", in: 1...1_000_000) { failuresPerPrefix = n }
        if let window = try server.int("auth_failure_window_s", in: 1...86_400) { failureWindowSeconds = window }
        if let header = try server.string("client_address_header") {
            let name = header.trimmingCharacters(in: .whitespaces)
            guard name.isEmpty || name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw ConfigError(server.key("client_address_header"), "must be a header name such as X-Forwarded-For, got '\(header)'")
            }
            clientAddressHeader = name.isEmpty ? nil : name
        }
    }
}
