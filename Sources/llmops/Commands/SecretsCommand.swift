import ArgumentParser
import Foundation
import OpsCore
import OpsServer

/// Provider API keys for `models:` (`api_key: secret:NAME`), sealed with AES-GCM under the master
/// key. The command opens the store directly: provider keys are instance-wide, the operator's.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Store provider API keys encrypted, for `api_key: secret:NAME` in models:.",
        discussion: """
            Values are sealed with AES-256-GCM under the master key: LLMOPS_MASTER_KEY (base64 of 32 bytes) when set, \
            else master.key in the data directory (mode 0600, created on first use; a file group or others may read is refused). \
            `llmops serve` opens the referenced secrets at start-up.
            """,
        subcommands: [Set.self, List.self, Delete.self, RotateMaster.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a secret; the value is read from stdin (not echoed on a terminal) or from --from-env.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The name models reference as secret:NAME.") var name: String
        @Option(name: .customLong("from-env"), help: "Read the value from this environment variable instead of stdin.")
        var fromEnv: String?

        func run() async throws {
            do {
                try StoredSecret.validateName(name)
            } catch {
                throw ValidationError(error.message)
            }
            let value: String
            if let fromEnv {
                guard let fromEnvironment = ProcessInfo.processInfo.environment[fromEnv], !fromEnvironment.isEmpty else {
                    throw ValidationError("environment variable \(fromEnv) is not set")
                }
                value = fromEnvironment
            } else {
                value = try SecretInput.read(prompt: "Value of \(name): ")
            }
            guard !value.isEmpty else { throw ValidationError("the value is empty") }
            let store = try await options.openStore()
            do {
                let vault = try SecretVault.open(store: store, source: try options.masterKeySource(), create: true)
                let created = try await vault.set(name, value: value)
                await AuditLog(store: store).record(.secretSet, actor: "cli", project: "*", target: name,
                                                    detail: ["created": .bool(created), "master_key": .string(vault.keyID)])
                try await store.close()
                print("\(created ? "Stored" : "Replaced") secret \(name) (master key \(vault.keyID))")
            } catch {
                try? await store.close()
                throw error
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List secrets: names, master key ids and times, never values.")
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let store = try await options.openStore()
            let secrets = try await store.secrets()
            try await store.close()
            print("NAME                             MASTER KEY        CREATED                   UPDATED")
            for secret in secrets {
                print([secret.name.padded(32), secret.keyID.padded(17), secret.createdAt.iso8601.padded(25), secret.updatedAt.iso8601]
                    .joined(separator: " "))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a secret.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The secret's name.") var name: String

        func run() async throws {
            let store = try await options.openStore()
            let deleted = try await store.deleteSecret(named: name)
            if deleted { await AuditLog(store: store).record(.secretDelete, actor: "cli", project: "*", target: name) }
            try await store.close()
            guard deleted else { throw ValidationError("no secret named '\(name)'") }
            print("Deleted secret \(name)")
        }
    }

    struct RotateMaster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-master",
            abstract: "Reseal every secret under a new master key, in one transaction.",
            discussion: """
                Without --new-key-from-env a key is generated into the master key file (the old file is replaced once \
                the secrets are resealed). With it, the new key is the variable's value (base64 of 32 bytes); afterwards \
                set LLMOPS_MASTER_KEY to it. When the current key comes from LLMOPS_MASTER_KEY, --new-key-from-env is required.
                """)
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("new-key-from-env"), help: "Take the new key from this environment variable.")
        var newKeyFromEnv: String?

        func run() async throws {
            let source = try options.masterKeySource()
            let generated = newKeyFromEnv == nil
            let newKey: MasterKey
            if let newKeyFromEnv {
                guard let text = ProcessInfo.processInfo.environment[newKeyFromEnv], !text.isEmpty else {
                    throw ValidationError("environment variable \(newKeyFromEnv) is not set")
                }
                newKey = try MasterKey(base64: text, source: newKeyFromEnv)
            } else {
                guard !source.usesEnvironment else {
                    throw ValidationError("the master key comes from \(MasterKeySource.environmentVariable): pass the new one with "
                                          + "--new-key-from-env VAR, then set \(MasterKeySource.environmentVariable) to it")
                }
                newKey = MasterKey.generate()
            }
            let store = try await options.openStore()
            do {
                let vault = try SecretVault.open(store: store, source: source, create: false)
                guard newKey.id != vault.keyID else { throw ValidationError("the new master key is the current one") }
                if generated { try source.stagePending(newKey) }
                let count = try await vault.rotate(to: newKey)
                if generated { try source.commitPending() }
                await AuditLog(store: store).record(.secretRotateMaster, actor: "cli", project: "*",
                                                    detail: ["old_key": .string(vault.keyID), "new_key": .string(newKey.id),
                                                             "secrets": .int(Int64(count))])
                try await store.close()
                print("Resealed \(count) secret\(count == 1 ? "" : "s") under master key \(newKey.id)")
                if !generated {
                    print("Set \(MasterKeySource.environmentVariable) to the value of \(newKeyFromEnv ?? "") from now on.")
                }
            } catch {
                try? await store.close()
                throw error
            }
        }
    }
}

extension GlobalOptions {
    func masterKeySource() throws -> MasterKeySource {
        MasterKeySource(environment: ProcessInfo.processInfo.environment, storageURL: try loadConfig().storage.url, dataDirectory: dataDir)
    }
}
