import Hummingbird
import OpsCore

/// `GET /datasets` and `GET /datasets/{name}[?version=HASH]`, scoped to the key's project.
struct ConsoleDatasetsController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let view = DatasetListView(datasets: try await services.store.datasets(project: key.project))
        return renderer.page("datasets", view: view, title: "Datasets", key: key, section: .datasets)
    }

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try context.parameters.require("name")
        let versions = try await services.store.versions(project: key.project, dataset: name)
        guard !versions.isEmpty else {
            throw OpsError(.notFound, "No dataset named '\(name)' in project '\(key.project)'", param: "name", code: "dataset_not_found")
        }
        let reference = request.uri.queryParameters.get("version").map { "\(name)@\($0)" } ?? name
        let shown = try await services.store.resolve(reference, project: key.project)
        let view = DatasetDetailView(name: name, versions: versions, shown: shown)
        return renderer.page("dataset", view: view, title: "Dataset \(name)", key: key, section: .datasets)
    }
}
