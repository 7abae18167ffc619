/// Who may read `/metrics` (`server.metrics_auth`, `LLMOPS_SERVER_METRICS_AUTH`).
public struct MetricsSettings: Sendable, Hashable {
    /// `none`: anyone who can reach the port (the default; the server listens on 127.0.0.1 unless
    /// told otherwise). `key`: a valid API key of any role (a viewer key makes a scrape credential).
    public enum Access: String, Sendable, Hashable, CaseIterable {
        case none
        case key
    }

    public var access = Access.none

    public init() {}

    /// The keys `ConfigLoader` lets the environment override.
    static let scalarKeys: [[String]] = [["server", "metrics_auth"]]

    /// Reads the `server` mapping's key; absent, it keeps its default.
    init(_ server: ConfigMapping) throws {
        if let value = try server.string("metrics_auth") {
            guard let access = Access(rawValue: value) else {
                throw ConfigError("server.metrics_auth", "must be none or key, got '\(value)'")
            }
            self.access = access
        }
    }
}
