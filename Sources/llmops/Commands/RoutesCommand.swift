import ArgumentParser
import Foundation
import OpsCore
import OpsGateway
import OpsServer

struct RoutesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routes",
        abstract: "Show, replace and roll back the gateway's routes without a restart.",
        discussion: """
            Changes are stored in the database; every running `llmops serve` on it switches within \
            server.routes_poll_ms (2 s by default). Each change is numbered and recorded with who made it. \
            Without --project the commands act on the instance-wide routes, which serve every project; \
            with it, on that project's own routes (what its admin keys change through the API).
            """,
        subcommands: [Apply.self, List.self, History.self, Rollback.self]
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace all routes with those of a YAML (or JSON) file.")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "A file with `routes:` in the shape of llmops.yaml.") var file: String
        @Option(help: "Who is applying, for the record (default: $USER).") var actor: String?
        @Option(help: "A project's own routes instead of the instance-wide ones (default: instance-wide).") var project: String?

        func run() async throws {
            let routes: [RouteConfig]
            do {
                routes = try RouteFile.load(path: file)
            } catch let error as ConfigError {
                throw ValidationError("\(file): \(error)")
            }
            if let stray = routes.first(where: { $0.project != nil && $0.project != project }) {
                throw ValidationError("\(file): the route '\(stray.name)' names project '\(stray.project ?? "")'; apply it with --project \(stray.project ?? "")")
            }
            let config = try options.loadConfig()
            do {
                try RouteTable.validate(routes, knownModels: config.servableModelNames)
            } catch {
                throw ValidationError("\(file): \(error.message)")
            }
            let store = try await options.openStore()
            let who = "cli:" + (actor ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            let change = try await store.appendRouteChange(project: project ?? "", actor: who, at: Date(),
                                                           routes: ["routes": .array(routes.map(\.json))])
            await AuditLog(store: store).record(.routesApply, actor: "cli", project: project ?? "*", target: String(change.version),
                                                detail: ["routes": .array(routes.map { .string($0.name) }), "by": .string(who)])
            try await store.close()
            print("Applied routes version \(change.version): \(routes.map(\.name).joined(separator: ", "))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the routes in force (the newest change, else llmops.yaml).")
        @OptionGroup var options: GlobalOptions
        @Option(help: "A project's own routes instead of the instance-wide ones (default: instance-wide).") var project: String?

        func run() async throws {
            let store = try await options.openStore()
            let latest = try await store.latestRouteChange(project: project ?? "")
            try await store.close()
            let configured = try options.loadConfig().routes.filter { $0.project == project }
            let routes = latest?.routes["routes"] ?? .array(configured.map(\.json))
            print("# version \(latest?.version ?? 0)\(latest == nil ? " (llmops.yaml)" : " applied by \(latest!.actor)")")
            print(String(decoding: JSONValue.object(JSONObject([("routes", routes)])).serialized(), as: UTF8.self))
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List route changes, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "How many changes to show.") var limit: Int = 20
        @Option(help: "A project's own routes instead of the instance-wide ones (default: instance-wide).") var project: String?

        func run() async throws {
            let store = try await options.openStore()
            let changes = try await store.routeChanges(project: project ?? "", limit: limit)
            try await store.close()
            print("VERSION  APPLIED                   BY                   ROUTES")
            for change in changes {
                let names = (change.routes["routes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
                print([String(change.version).padded(8), change.createdAt.iso8601.padded(25), change.actor.padded(20),
                       names.joined(separator: ", ")].joined(separator: " "))
            }
        }
    }

    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the routes of an earlier version again, as a new change (0 = the routes of llmops.yaml).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The version to return to (from `llmops routes history`).") var version: Int
        @Option(help: "A project's own routes instead of the instance-wide ones (default: instance-wide).") var project: String?

        func run() async throws {
            guard version >= 0 else { throw ValidationError("the version must be 0 or more") }
            let config = try options.loadConfig()
            let store = try await options.openStore()
            let routes: JSONValue
            if version == 0 {
                routes = .array(config.routes.filter { $0.project == project }.map(\.json))
            } else if let change = try await store.routeChange(project: project ?? "", version: version) {
                routes = change.routes["routes"] ?? .array([])
            } else {
                try await store.close()
                throw ValidationError("no route change with version \(version)")
            }
            let who = "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? "unknown")
            let change = try await store.appendRouteChange(project: project ?? "", actor: who, at: Date(), routes: ["routes": routes])
            await AuditLog(store: store).record(.routesRollback, actor: "cli", project: project ?? "*", target: String(version),
                                                detail: ["version": .int(Int64(change.version)), "by": .string(who)])
            try await store.close()
            print("Rolled back to the routes of version \(version) as version \(change.version)")
        }
    }
}
