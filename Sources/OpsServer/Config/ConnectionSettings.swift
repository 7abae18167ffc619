/// How long a client may take to send a request and how many connections the server holds, so
/// connections that never finish a request cannot pile up. Read from `server.*` keys
/// (`server.header_timeout_s` → `LLMOPS_SERVER_HEADER_TIMEOUT_S`).
public struct ConnectionSettings: Sendable, Hashable {
    /// A new connection's first request head must arrive within this (`server.header_timeout_s`).
    public var headerTimeoutSeconds = 10
    /// A request's body must arrive whole within this after its head (`server.body_timeout_s`).
    public var bodyTimeoutSeconds = 60
    /// A connection that reads no request for this long, between requests or inside one, is
    /// closed (`server.idle_timeout_s`); an answer being produced (a long stream) does not count.
    public var idleTimeoutSeconds = 60
    /// Connections held at once (`server.max_connections`); past it new ones are closed at once.
    /// 0 means the process's file-descriptor limit less a reserve for the store, the upstream
    /// connections and the trace journal.
    public var maxConnections = 0

    public init() {}

    /// The keys `ConfigLoader` lets the environment override.
    static let scalarKeys: [[String]] = [
        ["server", "header_timeout_s"], ["server", "body_timeout_s"], ["server", "idle_timeout_s"], ["server", "max_connections"],
    ]

    /// Reads the `server` mapping's keys; absent ones keep their defaults.
    init(_ server: ConfigMapping) throws {
        if let s = try server.int("header_timeout_s", in: 1...3_600) { headerTimeoutSeconds = s }
        if let s = try server.int("body_timeout_s", in: 1...86_400) { bodyTimeoutSeconds = s }
        if let s = try server.int("idle_timeout_s", in: 1...86_400) { idleTimeoutSeconds = s }
        if let n = try server.int("max_connections", in: 0...1_000_000) { maxConnections = n }
    }
}
