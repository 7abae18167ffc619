import ArgumentParser
import Foundation
import OpsCore
import OpsServer

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list, revoke and rotate API keys.",
        subcommands: [Create.self, List.self, Revoke.self, Rotate.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it on stdout (it is shown only once).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "Project the key belongs to (created if new).") var project: String
        @Option(help: "admin, developer or viewer.") var role: String = "developer"
        @Option(help: "A name to recognise the key by.") var name: String?
        @Option(help: "Requests per minute this key may make.") var rpm: Int?
        @Option(help: "Tokens per minute this key may use (prompt + completion).") var tpm: Int?
        @Option(name: .customLong("budget-usd-day"), help: "USD this key may spend per UTC day.") var budgetUSDDay: Double?
        @Option(name: .customLong("budget-usd-month"), help: "USD this key may spend per UTC month.") var budgetUSDMonth: Double?
        @Option(help: "Comma-separated routes or models this key may call (default: all).") var routes: String?
        @Option(help: "Expire after this long: 90s, 15m, 12h, 30d, 2w.") var expires: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be admin, developer or viewer, got '\(role)'")
            }
            guard !project.isEmpty else { throw ValidationError("--project must not be empty") }
            for (flag, value) in [("--rpm", rpm), ("--tpm", tpm)] where (value ?? 0) < 0 {
                throw ValidationError("\(flag) must not be negative")
            }
            for (flag, value) in [("--budget-usd-day", budgetUSDDay), ("--budget-usd-month", budgetUSDMonth)] where (value ?? 0) < 0 {
                throw ValidationError("\(flag) must not be negative")
            }
            let routeList = routes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            if let routeList, routeList.isEmpty { throw ValidationError("--routes must name at least one route") }
            var expiresAt: Date?
            if let expires {
                guard let seconds = DurationText.seconds(expires) else {
                    throw ValidationError("--expires must look like 90s, 15m, 12h, 30d or 2w (at most 100 years), got '\(expires)'")
                }
                expiresAt = Date().addingTimeInterval(seconds)
            }
            let limits = KeyLimits(requestsPerMinute: rpm, tokensPerMinute: tpm, dailyBudgetUSD: budgetUSDDay,
                                   monthlyBudgetUSD: budgetUSDMonth, routes: routeList)
            let store = try await options.openStore()
            let issued = try await KeyIssuer(store: store).issue(project: project, role: role, name: name, expiresAt: expiresAt,
                                                                 limits: limits)
            await AuditLog(store: store).record(.keyCreate, actor: "cli", project: project, target: issued.key.id,
                                                detail: ["role": .string(role.rawValue), "name": name.map { .string($0) } ?? .null])
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
            print("ID                               PROJECT          ROLE       PREFIX       CREATED                   STATUS   LIMITS")
            let now = Date()
            for k in keys {
                let status = k.revokedAt != nil ? "revoked" : (k.isActive(at: now) ? "active" : "expired")
                var limits = k.limits.isUnlimited ? "-" : k.limits.json.serializedString()
                if let expiresAt = k.expiresAt, k.revokedAt == nil { limits += " expires \(expiresAt.iso8601)" }
                print([k.id.padded(32), k.project.padded(16), k.role.rawValue.padded(10), k.prefix.padded(12),
                       k.createdAt.iso8601.padded(25), status.padded(8), limits].joined(separator: " "))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by id; it stops working at once.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key id (from `llmops keys list`).") var id: String

        func run() async throws {
            let store = try await options.openStore()
            let project = try await store.listKeys(project: nil).first { $0.id == id }?.project
            let revoked = try await store.revokeKey(id: id, at: Date())
            if revoked, let project { await AuditLog(store: store).record(.keyRevoke, actor: "cli", project: project, target: id) }
            try await store.close()
            guard revoked else { throw ValidationError("no key with id '\(id)'") }
            print("Revoked \(id)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a key with a new one (same project, role and limits); print the new key on stdout.",
            discussion: "The old key keeps working for the grace period, so clients can switch without downtime.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The key id (from `llmops keys list`).") var id: String
        @Option(help: "How long the old key keeps working: 90s, 15m, 12h, 30d (default 1h); 0s is not allowed, use revoke.")
        var grace: String = "1h"

        func run() async throws {
            guard let seconds = DurationText.seconds(grace) else {
                throw ValidationError("--grace must look like 90s, 15m, 12h or 30d, got '\(grace)'")
            }
            let store = try await options.openStore()
            let keys = try await store.listKeys(project: nil)
            guard let old = keys.first(where: { $0.id == id }), old.isActive(at: Date()) else {
                try await store.close()
                throw ValidationError("no active key with id '\(id)'")
            }
            let issued = try await KeyIssuer(store: store).rotate(old, grace: seconds)
            await AuditLog(store: store).record(.keyRotate, actor: "cli", project: old.project, target: old.id,
                                                detail: ["new_key": .string(issued.key.id), "grace_s": .double(seconds)])
            try await store.close()
            let until = Date().addingTimeInterval(seconds).iso8601
            FileHandle.standardError.write(Data("Created key \(issued.key.id) replacing \(id), which works until \(until):\n".utf8))
            print(issued.secret)
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
