import ArgumentParser
import Foundation
import Hummingbird
import Logging
import OpsCore
import OpsServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway, the management API and the web console.",
        discussion: "Prints the console URL; on first start writes a bootstrap admin key to bootstrap-admin-key in the data directory (mode 0600), or registers LLMOPS_ADMIN_KEY when set (at least 32 characters)."
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: "Port to listen on (overrides server.port; 0 picks a free port).")
    var port: Int?

    @Option(name: .long, help: "Address to bind (overrides server.host).")
    var host: String?

    func run() async throws {
        var config = try options.loadConfig()
        if let port { config.server.port = port }
        if let host { config.server.host = host }
        var logger = Logger(label: "llmops")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let server = try await LLMOpsServer.make(config: config, dataDirectory: options.dataDir, logger: logger)
        let sqlite = config.storage.url.hasPrefix("sqlite://")
        let sqlitePath = StoreFactory.sqlitePath(url: config.storage.url, dataDirectory: options.dataDir)
        // A generated admin key goes beside the database (or into --data-dir, or ./llmops-data with PostgreSQL).
        let dataDirectory = options.dataDir ?? (sqlite ? (sqlitePath as NSString).deletingLastPathComponent : "./llmops-data")
        let bootstrap: AdminBootstrap.Outcome
        do {
            bootstrap = try await AdminBootstrap(store: server.services.store, directory: dataDirectory.isEmpty ? "." : dataDirectory)
                .ensureAdmin(secret: ProcessInfo.processInfo.environment["LLMOPS_ADMIN_KEY"])
        } catch {
            await server.shutdown()
            throw error
        }
        let host = config.server.host
        let storageDescription = sqlite
            ? "sqlite://" + sqlitePath
            : "postgres (\(config.storage.url.split(separator: "@").last.map(String.init) ?? ""))"
        let banner = "  storage:  \(storageDescription)  (tracing: \(config.tracing.durability.rawValue))"
        let app = server.application { port in
            var lines = ["llmops is serving on http://\(host):\(port)",
                         "  console:  http://\(host):\(port)/",
                         "  OpenAI-compatible API: http://\(host):\(port)/v1",
                         banner]
            switch bootstrap {
            case .created(let keyFile): lines.append("  bootstrap admin key: written to \(keyFile) (readable by this user only)")
            case .registered: lines.append("  admin key: the one in LLMOPS_ADMIN_KEY")
            case .existing: lines.append("  admin keys exist already: `llmops keys create --project default --role admin` makes another")
            }
            print(lines.joined(separator: "\n"))
            fflush(stdout)
        }
        defer { Task { await server.shutdown() } }
        try await app.runService()
        await server.shutdown()
    }
}
