import ArgumentParser
import Foundation

/// Where the registry commands find the server: they talk to a running `llmops serve` over HTTP,
/// so a team shares one registry (and its keys, roles and projects) instead of local files.
struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "The llmops server (default: $LLMOPS_URL, or http://127.0.0.1:8080).")
    var url: String?

    @Option(name: .long, help: "API key (default: $LLMOPS_API_KEY). Its project scopes every command.")
    var apiKey: String?

    func client() throws -> LLMOpsClient {
        let environment = ProcessInfo.processInfo.environment
        let base = url ?? environment["LLMOPS_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "http://127.0.0.1:8080"
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw ValidationError("--url must start with http:// or https://, got '\(base)'")
        }
        guard let key = apiKey ?? environment["LLMOPS_API_KEY"], !key.isEmpty else {
            throw ValidationError("no API key: pass --api-key or set LLMOPS_API_KEY (create one with `llmops keys create`)")
        }
        return LLMOpsClient(base: base.hasSuffix("/") ? String(base.dropLast()) : base, apiKey: key)
    }
}
