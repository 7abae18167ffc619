import OpsCore
import OpsGateway

/// Reads `routes:` (from `llmops.yaml`, a `routes apply` file or an API body) into `RouteConfig`s,
/// naming the key of any wrong value:
/// ```yaml
/// routes:
///   - name: chat
///     deployments: [{ model: primary, weight: 95 }, { model: canary, weight: 5 }]
///     sticky: user
///     fallbacks: [backup]
///     retries: { attempts: 2, backoff_ms: 50, cap_ms: 5000 }
///     timeouts: { connect_ms: 1000, first_token_ms: 10000, total_ms: 60000 }
///     cache: { exact: { ttl_s: 3600 }, semantic: { threshold: 0.95 } }
///     limits: { rpm: 600, tpm: 1000000 }
/// ```
enum RouteConfigReader {
    static func read(_ list: [Any], at path: String) throws -> [RouteConfig] {
        try list.enumerated().map { index, value in try route(ConfigMapping(value, at: "\(path)[\(index)]")) }
    }

    /// A whole file or body: either `{routes: [...]}` or the bare list.
    static func read(document: Any?) throws -> [RouteConfig] {
        if let list = document as? [Any] { return try read(list, at: "routes") }
        let top = try ConfigMapping(document, at: "")
        try top.rejectUnknown(["routes"])
        guard let list = try top.list("routes") else { throw ConfigError("routes", "is required") }
        return try read(list, at: "routes")
    }

    static func route(_ m: ConfigMapping) throws -> RouteConfig {
        try m.rejectUnknown(["name", "deployments", "sticky", "fallbacks", "retries", "timeouts", "cache", "limits"])
        guard let name = try m.string("name"), !name.isEmpty else { throw ConfigError(m.key("name"), "is required") }
        let deployments = try (m.list("deployments") ?? []).enumerated().map { index, value in
            try deployment(ConfigMapping(value, at: m.key("deployments[\(index)]")))
        }
        var route = RouteConfig(name: name, deployments: deployments, fallbacks: try m.strings("fallbacks") ?? [])
        if deployments.isEmpty && route.fallbacks.isEmpty {
            throw ConfigError(m.key("deployments"), "must list at least one deployment")
        }
        if let sticky = try m.string("sticky") {
            guard let value = RouteConfig.Stickiness(rawValue: sticky) else {
                throw ConfigError(m.key("sticky"), "must be user or none, got '\(sticky)'")
            }
            route.sticky = value
        }
        if m.contains("retries") {
            let r = try m.mapping("retries")
            try r.rejectUnknown(["attempts", "backoff_ms", "cap_ms"])
            route.retries = RouteConfig.Retries(attempts: try positive(r, "attempts", allowZero: true) ?? 2,
                                                backoffMs: try positive(r, "backoff_ms", allowZero: true) ?? 50,
                                                capMs: try positive(r, "cap_ms") ?? 5_000)
        }
        if m.contains("timeouts") { route.timeouts = try timeouts(m.mapping("timeouts"), base: UpstreamTimeouts()) }
        if m.contains("cache") {
            let c = try m.mapping("cache")
            try c.rejectUnknown(["exact", "semantic"])
            if c.contains("exact") {
                let exact = try c.mapping("exact")
                try exact.rejectUnknown(["ttl_s"])
                route.cache.exactTTLSeconds = try positive(exact, "ttl_s") ?? 3_600
            }
            if c.contains("semantic") {
                let semantic = try c.mapping("semantic")
                try semantic.rejectUnknown(["threshold"])
                let threshold = try semantic.double("threshold") ?? 0.95
                guard threshold > 0, threshold <= 1 else { throw ConfigError(semantic.key("threshold"), "must be in (0, 1]") }
                route.cache.semanticThreshold = Float(threshold)
            }
        }
        if m.contains("limits") {
            let l = try m.mapping("limits")
            try l.rejectUnknown(["rpm", "tpm"])
            route.limits = RouteConfig.Limits(requestsPerMinute: try positive(l, "rpm", allowZero: true),
                                              tokensPerMinute: try positive(l, "tpm", allowZero: true))
        }
        return route
    }

    /// `connect_ms`, `first_token_ms`, `total_ms` over `base`; each must be positive.
    static func timeouts(_ t: ConfigMapping, base: UpstreamTimeouts) throws -> UpstreamTimeouts {
        try t.rejectUnknown(["connect_ms", "first_token_ms", "total_ms"])
        var out = base
        if let v = try positive(t, "connect_ms") { out.connectMs = v }
        if let v = try positive(t, "first_token_ms") { out.firstTokenMs = v }
        if let v = try positive(t, "total_ms") { out.totalMs = v }
        return out
    }

    private static func deployment(_ d: ConfigMapping) throws -> RouteConfig.WeightedDeployment {
        try d.rejectUnknown(["model", "weight"])
        guard let model = try d.string("model"), !model.isEmpty else { throw ConfigError(d.key("model"), "is required") }
        let weight = try d.double("weight") ?? 1
        guard weight >= 0, weight.isFinite else { throw ConfigError(d.key("weight"), "must be a number ≥ 0") }
        return .init(model: model, weight: weight)
    }

    private static func positive(_ m: ConfigMapping, _ name: String, allowZero: Bool = false) throws -> Int? {
        guard let value = try m.int(name) else { return nil }
        guard value > 0 || (allowZero && value == 0) else {
            throw ConfigError(m.key(name), allowZero ? "must not be negative" : "must be positive")
        }
        return value
    }
}
