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
///     project: support   # optional: the route serves only this project's keys
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
        try m.rejectUnknown(["name", "deployments", "sticky", "fallbacks", "retries", "timeouts", "cache", "limits", "project"])
        guard let name = try m.string("name"), !name.isEmpty else { throw ConfigError(m.key("name"), "is required") }
        let deployments = try (m.list("deployments") ?? []).enumerated().map { index, value in
            try deployment(ConfigMapping(value, at: m.key("deployments[\(index)]")))
        }
        var route = RouteConfig(name: name, deployments: deployments, fallbacks: try m.strings("fallbacks") ?? [])
        if let project = try m.string("project") {
            guard !project.isEmpty else { throw ConfigError(m.key("project"), "must name a project") }
            route.project = project
        }
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
            route.retries = RouteConfig.Retries(attempts: try r.int("attempts", in: 0...10) ?? 2,
                                                backoffMs: try r.int("backoff_ms", in: 0...600_000) ?? 50,
                                                capMs: try r.int("cap_ms", in: 1...3_600_000) ?? 5_000)
        }
        if m.contains("timeouts") { route.timeouts = try timeouts(m.mapping("timeouts"), base: UpstreamTimeouts()) }
        if m.contains("cache") {
            let c = try m.mapping("cache")
            try c.rejectUnknown(["exact", "semantic"])
            if c.contains("exact") {
                let exact = try c.mapping("exact")
                try exact.rejectUnknown(["ttl_s"])
                route.cache.exactTTLSeconds = try exact.int("ttl_s", in: 1...31_536_000) ?? 3_600
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
            route.limits = RouteConfig.Limits(requestsPerMinute: try l.int("rpm", in: NumberRange.rate),
                                              tokensPerMinute: try l.int("tpm", in: NumberRange.rate))
        }
        return route
    }

    /// `connect_ms`, `first_token_ms`, `total_ms` over `base`; each from 1 ms to 24 hours.
    static func timeouts(_ t: ConfigMapping, base: UpstreamTimeouts) throws -> UpstreamTimeouts {
        try t.rejectUnknown(["connect_ms", "first_token_ms", "total_ms"])
        var out = base
        if let v = try t.int("connect_ms", in: UpstreamTimeouts.range) { out.connectMs = v }
        if let v = try t.int("first_token_ms", in: UpstreamTimeouts.range) { out.firstTokenMs = v }
        if let v = try t.int("total_ms", in: UpstreamTimeouts.range) { out.totalMs = v }
        return out
    }

    private static func deployment(_ d: ConfigMapping) throws -> RouteConfig.WeightedDeployment {
        try d.rejectUnknown(["model", "weight"])
        guard let model = try d.string("model"), !model.isEmpty else { throw ConfigError(d.key("model"), "is required") }
        let weight = try d.double("weight", in: 0...1_000_000) ?? 1
        return .init(model: model, weight: weight)
    }
}
