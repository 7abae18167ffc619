import Foundation
import Hummingbird
import OpsCore
import OpsGateway

/// `GET/PUT /api/routes`, `GET /api/routes/history`, `POST /api/routes/rollback`: the live routes,
/// replaced whole (a release), listed with who changed them, and rolled back. Each project has its
/// own routes, seen and changed only with its keys (changing them needs an admin key); they serve
/// only its keys, ahead of the operator's routes (`llmops.yaml`, `llmops routes apply`), which
/// every project sees but no project key can change.
struct RoutesController {
    let services: GatewayServices
    let sync: RouteSync

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let routing = services.routing
        return JSONResponse.make(["project": .string(key.project),
                                  "version": .int(Int64(routing.appliedVersion.value(for: key.project))),
                                  "routes": .array(routing.table.routes(of: key.project).map(\.json)),
                                  "instance_routes": .array(routing.table.all.map(\.json))])
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
        for (index, route) in routes.enumerated() where route.project != nil && route.project != admin.project {
            throw OpsError(.forbidden, "A key of project '\(admin.project)' can only change that project's routes",
                           param: "routes[\(index)].project", code: "project_mismatch")
        }
        let response = try await applied(routes, actor: admin.id, project: admin.project)
        await services.audit.record(.routesApply, by: admin, detail: ["routes": .array(routes.map { .string($0.name) })])
        return response
    }

    func history(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let changes = try await services.store.routeChanges(project: key.project, limit: 100)
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
        let version = try JSONFields(body).int("version", in: 0...NumberRange.version.upperBound)
        guard let version else { throw OpsError.invalid("version is required", param: "version") }
        let routes: [RouteConfig]
        if version == 0 {
            routes = services.config.routes.filter { $0.project == admin.project }
        } else {
            guard let change = try await services.store.routeChange(project: admin.project, version: version) else {
                throw OpsError(.notFound, "No route change with version \(version)", param: "version", code: "route_change_not_found")
            }
            routes = try RouteSync.routes(of: change)
        }
        let response = try await applied(routes, actor: admin.id, project: admin.project)
        await services.audit.record(.routesRollback, by: admin, target: String(version),
                                    detail: ["routes": .array(routes.map { .string($0.name) })])
        return response
    }

    private func applied(_ routes: [RouteConfig], actor: String, project: String) async throws -> Response {
        let (stored, change) = try await sync.apply(routes, actor: actor, project: project)
        func names(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        return JSONResponse.make(["project": .string(project), "version": .int(Int64(stored.version)), "added": names(change.added),
                                  "removed": names(change.removed), "modified": names(change.modified),
                                  "routes": .array(routes.map(\.json))])
    }
}
