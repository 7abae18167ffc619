import Hummingbird
import OpsCore

/// `GET/POST /api/keys`, `DELETE /api/keys/{id}`: admins manage their own project's keys.
struct KeysController {
    let services: GatewayServices

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let keys = try await services.store.listKeys(project: admin.project)
        return JSONResponse.make(["object": "list", "data": .array(keys.map(\.apiJSON))])
    }

    func create(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let body = try await JSONResponse.readBody(request, limit: 64 << 10)
        let fields = try JSONFields(body)
        let roleName = try fields.string("role") ?? "developer"
        guard let role = Role(rawValue: roleName) else {
            throw OpsError.invalid("role must be admin, developer or viewer, got '\(roleName)'", param: "role")
        }
        let issued = try await KeyIssuer(store: services.store, clock: services.clock)
            .issue(project: admin.project, role: role, name: try fields.string("name"))
        var json = issued.key.apiJSON.objectValue ?? JSONObject()
        json["key"] = .string(issued.secret)
        return JSONResponse.make(.object(json), status: .created)
    }

    func revoke(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let id = try context.parameters.require("id")
        let keys = try await services.store.listKeys(project: admin.project)
        guard keys.contains(where: { $0.id == id }), try await services.store.revokeKey(id: id, at: services.clock.now()) else {
            throw OpsError(.notFound, "No key '\(id)' in project '\(admin.project)'", param: "id", code: "key_not_found")
        }
        services.authenticator.invalidate()
        return JSONResponse.make(["id": .string(id), "revoked": true])
    }
}

extension APIKey {
    var apiJSON: JSONValue {
        ["id": .string(id), "project": .string(project), "name": name.map { .string($0) } ?? .null,
         "role": .string(role.rawValue), "prefix": .string(prefix), "created_at": .string(createdAt.iso8601),
         "revoked_at": revokedAt.map { .string($0.iso8601) } ?? .null,
         "expires_at": expiresAt.map { .string($0.iso8601) } ?? .null]
    }
}
