import Foundation
import Hummingbird
import OpsCore
import OpsGateway

/// `GET/PUT /api/routes`, `GET /api/routes/history`, `POST /api/routes/rollback`: the live routes,
/// replaced whole (a release), listed with who changed them, and rolled back. Routes serve every
/// project, so changing them needs an admin key.
struct RoutesController {
    let services: GatewayServices
    let sync: RouteSync

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        _ = try context.require(.viewer)
        return JSONResponse.make(["version": .int(Int64(services.routing.appliedVersion.value)),
                                  "routes": .array(services.routing.table.all.map(\.json))])
    }

    func replace(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let body = try await JSONResponse.readBody(request, limit: 1 << 20)
        let routes: [RouteConfig]
        do {
            routes = try RouteConfigReader.read(document: body.configTree)
        } catch let error as ConfigError {
            throw OpsError.invalid("\(error.key): \(error.message)", param: error.key)
        }
        return try await applied(routes, actor: admin.id)
    }

    func history(_ request: Request, context: OpsRequestContext) async throws -> Response {
        _ = try context.require(.viewer)
        let changes = try await services.store.routeChanges(limit: 100)
        return JSONResponse.make(["object": "list", "data": .array(changes.map { change in
            ["version": .int(Int64(change.version)), "actor": .string(change.actor), "created_at": .string(change.createdAt.iso8601),
             "routes": change.routes["routes"] ?? .array([])]
        })])
    }

    /// `{"version": N}`: applies the routes of change N again, as a new change; 0 means the
    /// routes of the configuration file.
    func rollback(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let body = try await JSONResponse.readBody(request, limit: 64 << 10)
        let version = try JSONFields(body).int("version", min: 0)
        guard let version else { throw OpsError.invalid("version is required", param: "version") }
        let routes: [RouteConfig]
        if version == 0 {
            routes = services.config.routes
        } else {
            guard let change = try await services.store.routeChange(version: version) else {
                throw OpsError(.notFound, "No route change with version \(version)", param: "version", code: "route_change_not_found")
            }
            routes = try RouteSync.routes(of: change)
        }
        return try await applied(routes, actor: admin.id)
    }

    private func applied(_ routes: [RouteConfig], actor: String) async throws -> Response {
        let (stored, change) = try await sync.apply(routes, actor: actor)
        func names(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        return JSONResponse.make(["version": .int(Int64(stored.version)), "added": names(change.added),
                                  "removed": names(change.removed), "modified": names(change.modified),
                                  "routes": .array(routes.map(\.json))])
    }
}
