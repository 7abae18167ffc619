import HTTPTypes
import Hummingbird
import OpsCore

/// The prompt registry API, scoped to the key's project: list prompts, push a version (developer+),
/// fetch one by name with `?label=`/`?version=` (default: the newest) with an ETag, list versions, diff two.
struct PromptsController {
    let services: GatewayServices

    /// `GET /api/prompts`
    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let prompts = try await services.store.prompts(project: key.project)
        return JSONResponse.make(["object": "list", "data": .array(prompts.map(\.apiJSON))])
    }

    /// `POST /api/prompts`: stores the body as the next version, then moves the labels it names.
    func push(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let body = try await JSONResponse.readBody(request, limit: 1 << 20)
        let push = try PromptPush(json: body, author: key.id)
        let version = try await services.store.createVersion(push.draft, project: key.project)
        defer { services.prompts.invalidate(project: key.project, name: version.name) }
        var moves: [LabelMove] = []
        for label in push.labels {
            moves.append(try await services.store.moveLabel(project: key.project, name: version.name, label: label,
                                                            to: version.number, actor: key.id))
        }
        await services.audit.record(.promptPush, by: key, target: version.name,
                                    detail: ["version": .int(Int64(version.number)), "labels": .array(push.labels.map { .string($0) })])
        var json = version.json.objectValue ?? JSONObject()
        json["labels"] = .array(push.labels.map { .string($0) })
        json["label_moves"] = .array(moves.map(\.json))
        return JSONResponse.make(.object(json), status: .created, headers: [.eTag: version.etag])
    }

    /// `GET /api/prompts/{name}`: `name`, `name@label` or `name@3` in the path, or `?label=` / `?version=`.
    /// Answers 304 when `If-None-Match` names the version's ETag.
    func get(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let reference = try Self.reference(context.parameters.require("name"), request.uri.queryParameters)
        let version = try await services.store.resolve(reference, project: key.project)
        var headers: HTTPFields = [.eTag: version.etag, .cacheControl: "private, no-cache"]
        if let ifNoneMatch = request.headers[.ifNoneMatch], version.matches(ifNoneMatch: ifNoneMatch) {
            headers[.contentLength] = "0"
            return Response(status: .notModified, headers: headers)
        }
        let labels = try await services.store.labels(project: key.project, name: version.name)
        var json = version.json.objectValue ?? JSONObject()
        json["labels"] = .array(labels.filter { $0.version == version.number }.map { .string($0.label) })
        json["etag"] = .string(version.etag)
        return JSONResponse.make(.object(json), headers: headers)
    }

    /// `GET /api/prompts/{name}/versions`, oldest first.
    func versions(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try Self.name(context.parameters.require("name"))
        let versions = try await services.store.versions(project: key.project, name: name)
        guard !versions.isEmpty else { throw Self.notFound(name) }
        return JSONResponse.make(["object": "list", "data": .array(versions.map(\.json))])
    }

    /// `GET /api/prompts/{name}/diff?from=1&to=2`: a unified diff of the bodies and the changed config keys.
    func diff(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try Self.name(context.parameters.require("name"))
        let params = request.uri.queryParameters
        let from = try Self.versionNumber(params.get("from"), param: "from")
        let to = try Self.versionNumber(params.get("to"), param: "to")
        let old = try await services.store.resolve(PromptReference(name: name, selector: .version(from)), project: key.project)
        let new = try await services.store.resolve(PromptReference(name: name, selector: .version(to)), project: key.project)
        let diff = PromptDiff(from: old, to: new)
        return JSONResponse.make([
            "name": .string(name), "from": .int(Int64(from)), "to": .int(Int64(to)), "identical": .bool(diff.isEmpty),
            "unified": .string(diff.unified()),
            "config_changes": .array(diff.configChanges.map { change in
                ["key": .string(change.key), "old": change.old ?? .null, "new": change.new ?? .null]
            }),
        ])
    }

    static func reference(_ path: String, _ params: Parameters) throws(OpsError) -> PromptReference {
        var reference = try PromptReference(parsing: path, param: "name")
        let label = params.get("label"), version = params.get("version")
        guard label == nil || version == nil else {
            throw .invalid("Give label or version, not both", param: "version")
        }
        if label != nil || version != nil, reference.selector != .latest {
            throw .invalid("'\(path)' already names a version; drop ?label= or ?version=", param: label != nil ? "label" : "version")
        }
        if let label {
            try Prompt.validateLabel(label, param: "label")
            reference.selector = .label(label)
        }
        if let version { reference.selector = .version(try versionNumber(version, param: "version")) }
        return reference
    }

    static func name(_ path: String) throws(OpsError) -> String {
        try Prompt.validateName(path, param: "name")
        return path
    }

    static func versionNumber(_ text: String?, param: String) throws(OpsError) -> Int {
        guard let text else { throw .invalid("\(param) is required: a version number", param: param) }
        guard let number = Int(text), number >= 1 else {
            throw .invalid("\(param) must be a version number (1, 2, …), got '\(text)'", param: param)
        }
        return number
    }

    static func notFound(_ name: String) -> OpsError {
        OpsError(.notFound, "No prompt named '\(name)'", param: "name", code: "prompt_not_found")
    }
}
