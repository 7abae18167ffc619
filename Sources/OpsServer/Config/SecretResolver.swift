/// Resolves `api_key` references: `env:NAME` reads the environment at start-up, `secret:NAME` the
/// store's secrets (sealed with the master key, opened at start-up), so secrets stay out of the
/// config file. Anything else is a literal key, which works but is warned about.
enum SecretResolver {
    static func resolve(_ reference: String?, key: String, environment: [String: String],
                        secrets: ModelSecrets = ModelSecrets()) throws -> String? {
        guard let reference else { return nil }
        if let name = secretName(in: reference) {
            guard let value = secrets.values[name] else {
                throw ConfigError(key, secrets.problems[name] ?? "secret \(name) is not available")
            }
            return value
        }
        if reference.hasPrefix("env:") {
            let name = String(reference.dropFirst(4))
            guard let value = environment[name], !value.isEmpty else {
                throw ConfigError(key, "environment variable \(name) is not set")
            }
            return value
        }
        return reference
    }

    /// `NAME` of a `secret:NAME` reference, nil for anything else.
    static func secretName(in reference: String) -> String? {
        reference.hasPrefix("secret:") ? String(reference.dropFirst("secret:".count)) : nil
    }

    /// Whether `reference` is a key written into the configuration itself.
    static func isLiteral(_ reference: String) -> Bool {
        !reference.hasPrefix("env:") && secretName(in: reference) == nil
    }
}
