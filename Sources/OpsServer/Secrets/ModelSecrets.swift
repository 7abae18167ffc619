import Logging
import OpsCore

/// The values of the `secret:NAME` references in `models:`, opened once at start-up, and why the
/// ones that could not be opened were not.
struct ModelSecrets: Sendable {
    /// Opened values by secret name.
    var values: [String: String] = [:]
    /// Why a referenced secret is unavailable, by secret name (never containing a value).
    var problems: [String: String] = [:]

    /// Opens every secret `models` reference. No reference, no master key needed.
    static func load(models: [ModelConfig], store: any SecretStore, source: MasterKeySource) async -> ModelSecrets {
        var result = ModelSecrets()
        let names = Set(models.compactMap { $0.apiKey.flatMap(SecretResolver.secretName(in:)) })
        guard !names.isEmpty else { return result }
        let vault: SecretVault
        do {
            vault = try SecretVault.open(store: store, source: source, create: false)
        } catch {
            for name in names { result.problems[name] = "\(error)" }
            return result
        }
        for name in names.sorted() {
            do {
                if let value = try await vault.reveal(name) {
                    result.values[name] = value
                } else {
                    result.problems[name] = "secret \(name) is not in the secret store; set it with `llmops secrets set \(name)`"
                }
            } catch {
                result.problems[name] = "\(error)"
            }
        }
        return result
    }
}
