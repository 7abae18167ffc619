import ArgumentParser
import Foundation
import OpsServer

/// The options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (llmops.yaml). Without it, built-in defaults and LLMOPS_* variables apply.")
    var config: String?

    @Option(name: .long, help: "Directory for the embedded SQLite store (default: ./llmops-data).")
    var dataDir: String?

    func loadConfig() throws -> LLMOpsConfig {
        try ConfigLoader.load(path: config)
    }
}
