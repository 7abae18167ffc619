import OpsCore
import OpsTelemetry

/// Turns the parsed YAML tree into `LLMOpsConfig`, naming the key of any wrong value.
struct ConfigReader {
    let root: [String: Any]

    func read() throws -> LLMOpsConfig {
        var config = LLMOpsConfig()
        let known: Set<String> = ["server", "storage", "tracing", "models", "local_models", "routes"]
        for key in root.keys where !known.contains(key) {
            throw ConfigError(key, "unknown key; expected one of \(known.sorted().joined(separator: ", "))")
        }
        let server = try section("server")
        if let host = try string(server, "server.host") { config.server.host = host }
        if let port = try int(server, "server.port") {
            guard (0...65535).contains(port) else { throw ConfigError("server.port", "must be 0…65535") }
            config.server.port = port
        }
        if let limit = try int(server, "server.max_body_bytes") {
            guard limit > 0 else { throw ConfigError("server.max_body_bytes", "must be positive") }
            config.server.maxBodyBytes = limit
        }
        let storage = try section("storage")
        if let url = try string(storage, "storage.url") {
            guard url.hasPrefix("sqlite://") || url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigError("storage.url", "must start with sqlite:// or postgres://, got '\(url)'")
            }
            config.storage.url = url
        }
        let tracing = try section("tracing")
        if let durability = try string(tracing, "tracing.durability") {
            guard let d = TraceDurability(rawValue: durability) else {
                throw ConfigError("tracing.durability", "must be strict or fast, got '\(durability)'")
            }
            config.tracing.durability = d
        }
        if let capacity = try int(tracing, "tracing.queue_capacity") { config.tracing.queueCapacity = max(1, capacity) }
        if let batch = try int(tracing, "tracing.max_batch") { config.tracing.maxBatch = max(1, batch) }
        let local = try section("local_models")
        if let enabled = try bool(local, "local_models.enabled") { config.localModels.enabled = enabled }
        if let dir = try string(local, "local_models.directory") { config.localModels.directory = dir }
        if let models = root["models"] {
            guard let list = models as? [Any] else { throw ConfigError("models", "must be a list") }
            config.models = try list.enumerated().map { try model($1, "models[\($0)]") }
            var seen = Set<String>()
            for m in config.models where !seen.insert(m.name).inserted {
                throw ConfigError("models", "the name '\(m.name)' is used twice")
            }
        }
        return config
    }

    private func model(_ value: Any, _ key: String) throws -> ModelConfig {
        guard let m = value as? [String: Any] else { throw ConfigError(key, "must be a mapping") }
        guard let name = try string(m, "\(key).name"), !name.isEmpty else { throw ConfigError("\(key).name", "is required") }
        let providerName = try string(m, "\(key).provider") ?? "openai"
        guard let provider = ProviderKind(rawValue: providerName) else {
            throw ConfigError("\(key).provider", "must be openai, anthropic or local, got '\(providerName)'")
        }
        var config = ModelConfig(name: name, provider: provider, baseURL: try string(m, "\(key).base_url"),
                                 apiKey: try string(m, "\(key).api_key"), upstreamModel: try string(m, "\(key).upstream_model"))
        if provider != .local, config.baseURL == nil, provider == .openai {
            config.baseURL = "https://api.openai.com/v1"
        }
        if let price = m["price"] {
            guard let p = price as? [String: Any] else { throw ConfigError("\(key).price", "must be a mapping") }
            config.price = Price(inputPerMTok: try double(p, "\(key).price.input_per_mtok") ?? 0,
                                 outputPerMTok: try double(p, "\(key).price.output_per_mtok") ?? 0)
        }
        if let timeouts = m["timeouts"] {
            guard let t = timeouts as? [String: Any] else { throw ConfigError("\(key).timeouts", "must be a mapping") }
            if let v = try int(t, "\(key).timeouts.connect_ms") { config.timeouts.connectMs = v }
            if let v = try int(t, "\(key).timeouts.first_token_ms") { config.timeouts.firstTokenMs = v }
            if let v = try int(t, "\(key).timeouts.total_ms") { config.timeouts.totalMs = v }
        }
        return config
    }

    private func section(_ name: String) throws -> [String: Any] {
        guard let value = root[name] else { return [:] }
        guard let s = value as? [String: Any] else { throw ConfigError(name, "must be a mapping") }
        return s
    }

    private func leaf(_ dict: [String: Any], _ key: String) -> Any? { dict[String(key.split(separator: ".").last!)] }

    private func string(_ dict: [String: Any], _ key: String) throws -> String? {
        guard let v = leaf(dict, key) else { return nil }
        if let s = v as? String { return s }
        if let i = v as? Int { return String(i) }
        throw ConfigError(key, "must be a string")
    }

    private func int(_ dict: [String: Any], _ key: String) throws -> Int? {
        guard let v = leaf(dict, key) else { return nil }
        if let i = v as? Int { return i }
        if let s = v as? String, let i = Int(s) { return i }
        throw ConfigError(key, "must be an integer, got '\(v)'")
    }

    private func double(_ dict: [String: Any], _ key: String) throws -> Double? {
        guard let v = leaf(dict, key) else { return nil }
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        if let s = v as? String, let d = Double(s) { return d }
        throw ConfigError(key, "must be a number, got '\(v)'")
    }

    private func bool(_ dict: [String: Any], _ key: String) throws -> Bool? {
        guard let v = leaf(dict, key) else { return nil }
        if let b = v as? Bool { return b }
        if let s = v as? String, let b = Bool(s.lowercased()) { return b }
        throw ConfigError(key, "must be true or false, got '\(v)'")
    }
}
