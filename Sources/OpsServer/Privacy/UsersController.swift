import Foundation
import HTTPTypes
import Hummingbird
import OpsCore

/// `GET /api/users/{user}/export` and `DELETE /api/users/{user}`: an admin of the project answers an
/// end user's request for their data (everything of theirs, as JSONL) or for its erasure. `{user}` is
/// the `user` requests named, percent-encoded in the path. A user with no records gets an empty
/// export and zero counts (200): whether a user ever called is itself that user's data.
struct UsersController {
    let services: GatewayServices

    /// The longest `user` accepted, in bytes.
    static let maxUserBytes = 1_024

    func export(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let user = try Self.user(context)
        let records = try await EndUserRecords.gather(user: user, project: admin.project, store: services.store)
        await services.audit.record(.userExport, by: admin, target: Self.auditTarget(user, project: admin.project), detail: [
            "traces": .int(Int64(records.traces.count)), "scores": .int(Int64(records.scores.count)),
            "queue_items": .int(Int64(records.queueItems.count)), "dataset_items": .int(Int64(records.datasetItems.count)),
        ])
        var headers = HTTPFields()
        headers[.contentType] = "application/jsonl"
        headers[.contentDisposition] = "attachment; filename=\"user-export.jsonl\""
        let body = records.jsonl(user: user, project: admin.project, at: services.clock.now())
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    func erase(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let admin = try context.require(.admin)
        let user = try Self.user(context)
        let outcome = try await EndUserErasure(services: services).erase(user: user, project: admin.project, actor: admin.id)
        let deleted = JSONObject((ErasedTables.all + ["cache_entries"]).map { ($0, .int(Int64(outcome.deleted[$0] ?? 0))) })
        let versions = JSONValue.array(outcome.newVersions.map { ["dataset": .string($0.dataset), "version": .string($0.hash)] })
        await services.audit.record(.userErase, by: admin, target: Self.auditTarget(user, project: admin.project),
                                    detail: ["deleted": .object(deleted), "dataset_versions_created": versions])
        return JSONResponse.make(["object": "user.erasure", "user": .string(user), "project": .string(admin.project),
                                  "deleted": .object(deleted), "dataset_versions_created": versions])
    }

    /// The path's `user`, percent-decoded and checked.
    static func user(_ context: OpsRequestContext) throws -> String {
        let raw = try context.parameters.require("user")
        guard let user = raw.removingPercentEncoding else {
            throw OpsError.invalid("user is not valid percent-encoding: '\(raw.prefix(64))'", param: "user")
        }
        guard !user.isEmpty, user.utf8.count <= maxUserBytes else {
            throw OpsError.invalid("user must be 1 to \(maxUserBytes) bytes, got \(user.utf8.count)", param: "user")
        }
        return user
    }

    /// The audit log outlives the erasure, so it names the user by a hash: whoever knows the user
    /// (and project) can find the entry; the log itself does not hold the identifier.
    static func auditTarget(_ user: String, project: String) -> String {
        "user:sha256:" + SHA256Digest.hex(Array("\(project)\u{0}\(user)".utf8))
    }
}
