import Hummingbird
import OpsCore

/// `GET /prompts`, `GET /prompts/{name}` (versions, labels, history) and `GET /prompts/{name}/diff`,
/// scoped to the signed-in key's project like `/api/prompts`.
struct ConsolePromptsController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func list(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let view = PromptListView(prompts: try await services.store.prompts(project: key.project))
        return renderer.page("prompts", view: view, title: "Prompts", key: key, section: .prompts)
    }

    func show(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try context.parameters.require("name")
        let versions = try await Self.versions(of: name, store: services.store, project: key.project)
        let shown = try Self.pick(request.uri.queryParameters.get("version"), from: versions, name: name)
        let view = PromptDetailView(name: name, versions: versions, shown: shown,
                                    labels: try await services.store.labels(project: key.project, name: name),
                                    moves: try await services.store.labelMoves(project: key.project, name: name))
        return renderer.page("prompt", view: view, title: "Prompt \(name)", key: key, section: .prompts)
    }

    func diff(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try context.parameters.require("name")
        let versions = try await Self.versions(of: name, store: services.store, project: key.project)
        let params = request.uri.queryParameters
        guard let fromText = params.get("from"), let toText = params.get("to") else {
            throw OpsError.invalid("Choose two versions to compare (from and to)", param: params.get("from") == nil ? "from" : "to")
        }
        let from = try Self.pick(fromText, from: versions, name: name, param: "from")
        let to = try Self.pick(toText, from: versions, name: name, param: "to")
        let view = PromptDiffView(name: name, diff: PromptDiff(from: from, to: to))
        return renderer.page("prompt-diff", view: view, title: "\(name): v\(from.number) → v\(to.number)", key: key, section: .prompts)
    }

    /// Every version of the prompt; 404 when the project has no such prompt.
    static func versions(of name: String, store: any OpsStore, project: String) async throws -> [PromptVersion] {
        let versions = try await store.versions(project: project, name: name)
        guard !versions.isEmpty else {
            throw OpsError(.notFound, "No prompt named '\(name)' in project '\(project)'", param: "name", code: "prompt_not_found")
        }
        return versions
    }

    /// The version a query value names (the newest when absent); 400 or 404 naming `param` otherwise.
    static func pick(_ text: String?, from versions: [PromptVersion], name: String, param: String = "version") throws -> PromptVersion {
        guard let text, !text.isEmpty else { return versions[versions.count - 1] }
        guard let number = Int(text.hasPrefix("v") ? String(text.dropFirst()) : text) else {
            throw OpsError.invalid("\(param) must be a version number, got '\(text)'", param: param)
        }
        guard let version = versions.first(where: { $0.number == number }) else {
            throw OpsError(.notFound, "Prompt '\(name)' has no version \(number) (latest is \(versions.count))", param: param,
                           code: "prompt_not_found")
        }
        return version
    }
}
