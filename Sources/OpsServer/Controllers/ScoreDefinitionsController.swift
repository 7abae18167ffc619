import Hummingbird
import OpsCore

/// `GET /api/score-definitions` and `POST /api/score-definitions`: what each named score may hold
/// in the key's project (a numeric range, a list of labels, or a boolean).
struct ScoreDefinitionsController {
    let services: GatewayServices

    func create(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let definition = try ScoreDefinition(json: try await JSONResponse.readBody(request, limit: 64 << 10), project: key.project,
                                             author: key.id, createdAt: services.clock.now())
        try await services.store.createScoreDefinition(definition)
        return JSONResponse.make(definition.json, status: .created)
    }

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let definitions = try await services.store.scoreDefinitions(project: key.project)
        return JSONResponse.make(["object": "list", "data": .array(definitions.map(\.json))])
    }
}
