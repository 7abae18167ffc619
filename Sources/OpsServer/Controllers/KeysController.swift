import Foundation
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
        let limits = try fields.has("limits") ? KeyLimits(json: fields.object["limits"] ?? .null) : KeyLimits()
        var expiresAt: Date?
        if let text = try fields.string("expires_in") {
            guard let seconds = DurationText.seconds(text) else {
                throw OpsError.invalid("expires_in must look like 90s, 15m, 12h, 30d or 2w (at most 100 years), got '\(text)'", param: "expires_in")
            }
            expiresAt = services.clock.now().addingTimeInterval(seconds)
        }
        try KeyGrantPolicy.check(role: role, limits: limits, expiresAt: expiresAt, grantedBy: admin)
        let issued = try await KeyIssuer(store: services.store, clock: services.clock)
            .issue(project: admin.project, role: role, name: try fields.string("name"), expiresAt: expiresAt, limits: limits)
        await services.audit.record(.keyCreate, by: admin, target: issued.key.id,
                                    detail: ["role": .string(role.rawValue), "name": issued.key.name.map { .string($0) } ?? .null])
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
        await services.audit.record(.keyRevoke, by: admin, target: id)
        return JSONResponse.make(["id": .string(id), "revoked": true])
    }

    /// `POST /api/keys/{id}/rotate` `{"grace_s": 3600}`: a new key like the old one; the old one
    /// keeps working for the grace period (default one hour).
    func rotate(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let id = try context.parameters.require("id")
        let body = try await JSONResponse.readBody(request, limit: 64 << 10)
        let grace = try JSONFields(body).double("grace_s", in: 0...31_536_000) ?? 3_600
        let keys = try await services.store.listKeys(project: admin.project)
        guard let old = keys.first(where: { $0.id == id }), old.isActive(at: services.clock.now()) else {
            throw OpsError(.notFound, "No active key '\(id)' in project '\(admin.project)'", param: "id", code: "key_not_found")
        }
        // The new key copies the old one's role, limits and expiry: the rotating key must be able to grant them.
        try KeyGrantPolicy.check(role: old.role, limits: old.limits, expiresAt: old.expiresAt, grantedBy: admin,
                                 subject: "the key being rotated", expiryField: "id")
        let issued = try await KeyIssuer(store: services.store, clock: services.clock).rotate(old, grace: grace)
        services.authenticator.invalidate()
        await services.audit.record(.keyRotate, by: admin, target: old.id,
                                    detail: ["new_key": .string(issued.key.id), "grace_s": .double(grace)])
        var json = issued.key.apiJSON.objectValue ?? JSONObject()
        json["key"] = .string(issued.secret)
        json["replaces"] = .string(old.id)
        json["replaced_key_expires_at"] = .string(services.clock.now().addingTimeInterval(grace).iso8601)
        return JSONResponse.make(.object(json), status: .created)
    }
}

extension APIKey {
    var apiJSON: JSONValue {
        ["id": .string(id), "project": .string(project), "name": name.map { .string($0) } ?? .null,
         "role": .string(role.rawValue), "prefix": .string(prefix), "created_at": .string(createdAt.iso8601),
         "revoked_at": revokedAt.map { .string($0.iso8601) } ?? .null,
         "expires_at": expiresAt.map { .string($0.iso8601) } ?? .null, "limits": limits.json]
    }
}
