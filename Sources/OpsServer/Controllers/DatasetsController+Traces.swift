import Hummingbird
import OpsCore

extension DatasetsController {
    /// `POST /api/datasets/{name}/traces` with `{"trace_ids": [...], "message"?}`: a new version made
    /// of the newest version's items followed by one item per trace (its messages as input, its
    /// answer as expected output). Traces are looked up in the key's project only.
    func addTraces(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let name = try Self.name(context.parameters.require("name"))
        let fields = try JSONFields(try await JSONResponse.readBody(request, limit: 1 << 20))
        guard let ids = try fields.array("trace_ids"), !ids.isEmpty else {
            throw OpsError.invalid("trace_ids is required: a non-empty list of trace ids", param: "trace_ids")
        }
        var added: [DatasetItem] = []
        for (i, value) in ids.enumerated() {
            let param = "trace_ids[\(i)]"
            guard let id = value.stringValue else {
                throw OpsError.invalid("\(param) must be a string, got \(value.typeDescription)", param: param)
            }
            guard let trace = try await services.store.trace(id: id, project: key.project) else {
                throw OpsError(.notFound, "No trace '\(id)' in project '\(key.project)'", param: param, code: "trace_not_found")
            }
            do {
                added.append(try DatasetItem(trace: trace))
            } catch {
                throw OpsError.invalid(error.message, param: param, code: "invalid_trace")
            }
        }
        let base = try await services.store.latestVersion(project: key.project, dataset: name)?.items ?? []
        let message = try fields.string("message") ?? "added \(added.count) items from traces"
        return try await store(base + added, name: name, message: message, key: key)
    }
}
