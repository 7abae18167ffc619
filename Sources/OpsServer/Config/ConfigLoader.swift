import Foundation
import OpsCore
import OpsTelemetry
import Yams

/// Reads `llmops.yaml` and applies `LLMOPS_*` environment overrides: every scalar key has one,
/// named after its path (`server.max_body_bytes` → `LLMOPS_SERVER_MAX_BODY_BYTES`), and
/// `LLMOPS_MODELS` replaces the whole `models:` list with a YAML or JSON list.
public enum ConfigLoader {
    /// Every overridable scalar key, as a path.
    static let scalarKeys: [[String]] = [
        ["server", "host"], ["server", "port"], ["server", "max_body_bytes"], ["server", "routes_poll_ms"],
        ["storage", "url"],
        ["tracing", "durability"], ["tracing", "queue_capacity"], ["tracing", "max_batch"], ["tracing", "journal"], ["tracing", "linger_ms"],
        ["local_models", "enabled"], ["local_models", "directory"],
    ] + AuthSettings.scalarKeys + ConnectionSettings.scalarKeys + RetentionConfig.scalarKeys
        + MetricsSettings.scalarKeys

    public static func envName(_ path: [String]) -> String { "LLMOPS_" + path.joined(separator: "_").uppercased() }

    /// Loads `path` (or nothing when nil) and the environment.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LLMOpsConfig {
        var root: [String: Any] = [:]
        if let path {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ConfigError("--config", "cannot read \(path)")
            }
            root = try parse(yaml: text, source: path)
        }
        for key in scalarKeys {
            if let value = environment[envName(key)] { set(&root, key, value) }
        }
        if let models = environment["LLMOPS_MODELS"] {
            guard let list = try? Yams.load(yaml: models) as? [Any] else {
                throw ConfigError("LLMOPS_MODELS", "must be a YAML or JSON list of models")
            }
            root["models"] = list
        }
        return try ConfigReader(root: root).read()
    }

    /// Loads configuration from YAML text (for tests and `--config -`).
    public static func load(yaml: String, environment: [String: String] = [:]) throws -> LLMOpsConfig {
        var root = try parse(yaml: yaml, source: "configuration")
        for key in scalarKeys {
            if let value = environment[envName(key)] { set(&root, key, value) }
        }
        return try ConfigReader(root: root).read()
    }

    private static func parse(yaml text: String, source: String) throws -> [String: Any] {
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch {
            throw ConfigError(source, "invalid YAML: \(error)")
        }
        if loaded == nil { return [:] }
        guard let root = loaded as? [String: Any] else { throw ConfigError(source, "the top level must be a mapping") }
        return root
    }

    private static func set(_ root: inout [String: Any], _ path: [String], _ value: String) {
        guard let first = path.first else { return }
        if path.count == 1 { root[first] = value; return }
        var child = root[first] as? [String: Any] ?? [:]
        set(&child, Array(path.dropFirst()), value)
        root[first] = child
    }
}
