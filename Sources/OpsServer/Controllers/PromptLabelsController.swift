import Hummingbird
import OpsCore

/// Labels of a prompt: the current ones, moving one (a release; moving back is a rollback), and
/// the history of every move with who made it.
struct PromptLabelsController {
    let services: GatewayServices

    /// `GET /api/prompts/{name}/labels`
    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try PromptsController.name(context.parameters.require("name"))
        guard try await services.store.latestVersion(project: key.project, name: name) != nil else {
            throw PromptsController.notFound(name)
        }
        let labels = try await services.store.labels(project: key.project, name: name)
        return JSONResponse.make(["object": "list", "data": .array(labels.map(\.json))])
    }

    /// `PUT /api/prompts/{name}/labels/{label}` with `{"version": N}`; the actor is the key's id.
    func move(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let name = try PromptsController.name(context.parameters.require("name"))
        let label = try context.parameters.require("label")
        try Prompt.validateLabel(label, param: "label")
        let body = try await JSONResponse.readBody(request, limit: 64 << 10)
        let fields = try JSONFields(body)
        guard let version = try fields.int("version", in: NumberRange.version) else {
            throw OpsError.invalid("version is required: the version number the label should point at", param: "version")
        }
        let move = try await services.store.moveLabel(project: key.project, name: name, label: label, to: version,
                                                      actor: key.id)
        services.prompts.invalidate(project: key.project, name: name)
        await services.audit.record(.promptLabel, by: key, target: name,
                                    detail: ["label": .string(label), "version": .int(Int64(version)), "rollback": .bool(move.isRollback)])
        var json = move.json.objectValue ?? JSONObject()
        json["rollback"] = .bool(move.isRollback)
        return JSONResponse.make(.object(json))
    }

    /// `GET /api/prompts/{name}/labels/history`, oldest first.
    func history(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try PromptsController.name(context.parameters.require("name"))
        guard try await services.store.latestVersion(project: key.project, name: name) != nil else {
            throw PromptsController.notFound(name)
        }
        let moves = try await services.store.labelMoves(project: key.project, name: name)
        return JSONResponse.make(["object": "list", "data": .array(moves.map { move in
            var json = move.json.objectValue ?? JSONObject()
            json["rollback"] = .bool(move.isRollback)
            return .object(json)
        })])
    }
}
