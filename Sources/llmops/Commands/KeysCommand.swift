import ArgumentParser
import Foundation
import OpsCore
import OpsServer

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it on stdout (it is shown only once).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Project the key belongs to (created if new).") var project: String
        @Option(help: "admin, developer or viewer.") var role: String = "developer"
        @Option(help: "A name to recognise the key by.") var name: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be admin, developer or viewer, got '\(role)'")
            }
            guard !project.isEmpty else { throw ValidationError("--project must not be empty") }
            let store = try await options.openStore()
            let issued = try await KeyIssuer(store: store).issue(project: project, role: role, name: name)
            try await store.close()
            FileHandle.standardError.write(Data("Created key \(issued.key.id) (\(role.rawValue)) for project '\(project)':\n".utf8))
            print(issued.secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Only this project's keys.") var project: String?

        func run() async throws {
            let store = try await options.openStore()
            let keys = try await store.listKeys(project: project)
            try await store.close()
            print("ID                               PROJECT          ROLE       PREFIX       CREATED                   STATUS")
            for k in keys {
                let status = k.revokedAt == nil ? "active" : "revoked"
                print([k.id.padded(32), k.project.padded(16), k.role.rawValue.padded(10), k.prefix.padded(12),
                       k.createdAt.iso8601.padded(25), status].joined(separator: " "))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id; it stops working at once.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key id (from `llmops keys list`).") var id: String

        func run() async throws {
            let store = try await options.openStore()
            let revoked = try await store.revokeKey(id: id, at: Date())
            try await store.close()
            guard revoked else { throw ValidationError("no key with id '\(id)'") }
            print("Revoked \(id)")
        }
    }
}

extension GlobalOptions {
    func openStore() async throws -> any OpsStore {
        let config = try loadConfig()
        let store = try await StoreFactory.open(url: config.storage.url, dataDirectory: dataDir)
        try await store.migrate()
        return store
    }
}

extension String {
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
