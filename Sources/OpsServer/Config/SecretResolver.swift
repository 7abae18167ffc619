/// Resolves `api_key` references: `env:NAME` reads the environment at start-up, so secrets stay
/// out of the config file and the database.
enum SecretResolver {
    static func resolve(_ reference: String?, key: String, environment: [String: String]) throws -> String? {
        guard let reference else { return nil }
        if reference.hasPrefix("env:") {
            let name = String(reference.dropFirst(4))
            guard let value = environment[name], !value.isEmpty else {
                throw ConfigError(key, "environment variable \(name) is not set")
            }
            return value
        }
        return reference
    }
}
