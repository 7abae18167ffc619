import ArgumentParser
import OpsServer

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations to the configured store and exit."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let config = try options.loadConfig()
        let store = try await StoreFactory.open(url: config.storage.url, dataDirectory: options.dataDir)
        let applied = try await store.migrate()
        try await store.close()
        print(applied.isEmpty ? "Schema is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", "))")
    }
}
