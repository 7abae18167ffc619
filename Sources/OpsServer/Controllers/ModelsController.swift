import Hummingbird
import OpsCore

/// `GET /v1/models` and `GET /v1/models/{id}` in OpenAI's shape.
struct ModelsController {
    let services: GatewayServices

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        _ = try context.require(.viewer)
        let data = services.catalog.entries.map { Self.json($0.deployment) }
        return JSONResponse.make(["object": "list", "data": .array(data)])
    }

    func get(_ request: Request, context: OpsRequestContext) async throws -> Response {
        _ = try context.require(.viewer)
        let id = context.parameters.getCatchAll().joined(separator: "/")
        guard let entry = services.catalog.entry(named: id) else {
            throw OpsError(.notFound, "The model '\(id)' does not exist", param: "model", code: "model_not_found")
        }
        return JSONResponse.make(Self.json(entry.deployment))
    }

    static func json(_ deployment: ModelDeployment) -> JSONValue {
        ["id": .string(deployment.name), "object": "model", "created": 0, "owned_by": .string(deployment.provider.rawValue)]
    }
}
