import OpsCore
import OpsTelemetry

/// Turns the parsed YAML tree into `LLMOpsConfig`, naming the key of any wrong value.
struct ConfigReader {
    let root: [String: Any]

    func read() throws -> LLMOpsConfig {
        var config = LLMOpsConfig()
        let top = try ConfigMapping(root, at: "")
        try top.rejectUnknown(["server", "storage", "tracing", "models", "local_models", "routes", "projects", "retention"])
        let server = try top.mapping("server")
        if let host = try server.string("host") { config.server.host = host }
        if let port = try server.int("port") {
            guard (0...65535).contains(port) else { throw ConfigError("server.port", "must be 0…65535") }
            config.server.port = port
        }
        if let limit = try server.int("max_body_bytes") {
            guard limit > 0 else { throw ConfigError("server.max_body_bytes", "must be positive") }
            config.server.maxBodyBytes = limit
        }
        if let poll = try server.int("routes_poll_ms") {
            guard poll > 0 else { throw ConfigError("server.routes_poll_ms", "must be positive") }
            config.server.routesPollMs = poll
        }
        config.server.auth = try AuthSettings(server)
        config.server.connections = try ConnectionSettings(server)
        config.server.metrics = try MetricsSettings(server)
        if let url = try top.mapping("storage").string("url") {
            guard url.hasPrefix("sqlite://") || url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigError("storage.url", "must start with sqlite:// or postgres://, got '\(url)'")
            }
            config.storage.url = url
        }
        let tracing = try top.mapping("tracing")
        if let durability = try tracing.string("durability") {
            guard let d = TraceDurability(rawValue: durability) else {
                throw ConfigError("tracing.durability", "must be strict or fast, got '\(durability)'")
            }
            config.tracing.durability = d
        }
        if let capacity = try tracing.int("queue_capacity", in: 1...10_000_000) { config.tracing.queueCapacity = max(1, capacity) }
        if let batch = try tracing.int("max_batch", in: 1...100_000) { config.tracing.maxBatch = max(1, batch) }
        if let journal = try tracing.bool("journal") { config.tracing.journal = journal }
        if let linger = try tracing.int("linger_ms") {
            guard (0...10_000).contains(linger) else { throw ConfigError("tracing.linger_ms", "must be from 0 to 10000, got \(linger)") }
            config.tracing.lingerMs = linger
        }
        let local = try top.mapping("local_models")
        if let enabled = try local.bool("enabled") { config.localModels.enabled = enabled }
        if let dir = try local.string("directory") { config.localModels.directory = dir }
        if let models = try top.list("models") {
            config.models = try models.enumerated().map { try model(ConfigMapping($1, at: "models[\($0)]")) }
            var seen = Set<String>()
            for m in config.models where !seen.insert(m.name).inserted {
                throw ConfigError("models", "the name '\(m.name)' is used twice")
            }
        }
        if let routes = try top.list("routes") { config.routes = try RouteConfigReader.read(routes, at: "routes") }
        if let projects = try top.list("projects") {
            config.projects = try projects.enumerated().map { try ProjectLimitsConfig(ConfigMapping($1, at: "projects[\($0)]")) }
        }
        config.retention = try RetentionConfig(top.mapping("retention"))
        return config
    }

    private func model(_ m: ConfigMapping) throws -> ModelConfig {
        try m.rejectUnknown(["name", "provider", "base_url", "api_key", "upstream_model", "price", "timeouts"])
        guard let name = try m.string("name"), !name.isEmpty else { throw ConfigError(m.key("name"), "is required") }
        let providerName = try m.string("provider") ?? "openai"
        guard let provider = ProviderKind(rawValue: providerName) else {
            throw ConfigError(m.key("provider"), "must be openai, anthropic or local, got '\(providerName)'")
        }
        var config = ModelConfig(name: name, provider: provider, baseURL: try m.string("base_url"),
                                 apiKey: try m.string("api_key"), upstreamModel: try m.string("upstream_model"))
        if provider != .local, config.baseURL == nil, provider == .openai {
            config.baseURL = "https://api.openai.com/v1"
        }
        if m.contains("price") {
            let p = try m.mapping("price")
            config.price = Price(inputPerMTok: try p.double("input_per_mtok", in: 0...1_000_000) ?? 0, outputPerMTok: try p.double("output_per_mtok", in: 0...1_000_000) ?? 0)
        }
        if m.contains("timeouts") { config.timeouts = try RouteConfigReader.timeouts(m.mapping("timeouts"), base: config.timeouts) }
        return config
    }
}
