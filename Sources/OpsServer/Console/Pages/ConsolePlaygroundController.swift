import Foundation
import Hummingbird
import OpsCore

/// `GET /prompts/{name}/playground` (the form) and `POST` (runs the chosen version with the
/// variables against the chosen model through the gateway, and shows the answer). Running needs a
/// developer key, as calling the gateway does; the call is traced with the tag `playground`.
struct ConsolePlaygroundController: Sendable {
    let services: GatewayServices
    let renderer: ConsoleRenderer

    func form(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.viewer)
        let name = try context.parameters.require("name")
        let versions = try await ConsolePromptsController.versions(of: name, store: services.store, project: key.project)
        let shown = try ConsolePromptsController.pick(request.uri.queryParameters.get("version"), from: versions, name: name)
        let view = PlaygroundView(name: name, versions: versions, shown: shown, models: models(project: key.project), model: nil, values: [:],
                                  canRun: key.role.allows(.developer))
        return page(view, key: key)
    }

    func run(_ request: Request, context: OpsRequestContext) async throws -> Response {
        let key = try context.require(.developer)
        let name = try context.parameters.require("name")
        let form = try await ConsoleForm.read(request)
        let versions = try await ConsolePromptsController.versions(of: name, store: services.store, project: key.project)
        let shown = try ConsolePromptsController.pick(form["version"], from: versions, name: name)
        let model = form["model"].flatMap { $0.isEmpty ? nil : $0 }
        var values: [String: String] = [:]
        for (variable, value) in form.prefixed("var.") where values[variable] == nil { values[variable] = value }
        var view = PlaygroundView(name: name, versions: versions, shown: shown, models: models(project: key.project), model: model, values: values,
                                  canRun: true)
        // Blank fields are left out, so the gateway names every variable still missing.
        let variables = JSONObject(values.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
        var body = JSONObject([("prompt", ["name": .string(name), "version": .int(Int64(shown.number)), "variables": .object(variables)])])
        if let model { body["model"] = .string(model) }
        do {
            let started = ContinuousClock.now
            let answer = try await GatewayLoopback(services: services).complete(.object(body), context: context, tags: ["playground"])
            var result = Self.result(answer)
            let elapsed = ContinuousClock.now - started
            result.latency = ConsoleFormat.duration(Double(elapsed.components.seconds) * 1000
                                                    + Double(elapsed.components.attoseconds) / 1e15)
            // In strict tracing mode the trace is stored before the answer returns; its cost is the gateway's own figure.
            if let id = answer.traceID, let trace = try? await services.store.trace(id: id, project: key.project) {
                result.cost = ConsoleFormat.cost(trace.costUSD)
            }
            view.result = result
            return page(view, key: key)
        } catch {
            let problem = HTTPErrorMapping.opsError(from: error)
            view.error = problem.message
            view.errorField = problem.param
            return page(view, key: key, status: HTTPErrorMapping.status(for: problem))
        }
    }

    /// The chat models and routes (the project's and the operator's) a playground may call.
    private func models(project: String) -> [String] {
        let chat = services.catalog.entries.filter { $0.chat != nil }.map(\.deployment.name)
        let routes = (services.routing.table.all + services.routing.table.routes(of: project)).map(\.name)
        return Array(Set(chat + routes)).sorted()
    }

    private func page(_ view: PlaygroundView, key: APIKey, status: HTTPResponse.Status = .ok) -> Response {
        renderer.page("playground", view: view, title: "Playground · \(view.name)", key: key, section: .prompts, status: status)
    }

    static func result(_ answer: GatewayLoopback.Answer) -> PlaygroundView.Result {
        let body = answer.body
        let message = body["choices"]?.arrayValue?.first?["message"]
        let text = message?["content"]?.stringValue
            ?? message.map { JSONPretty.format($0) } ?? "(no answer)"
        let usage = body["usage"]
        let tokens = usage.flatMap { u -> String? in
            guard let prompt = u["prompt_tokens"]?.intValue, let completion = u["completion_tokens"]?.intValue else { return nil }
            return "\(ConsoleFormat.count(prompt + completion)) (\(prompt) prompt, \(completion) completion)"
        } ?? "—"
        return PlaygroundView.Result(answer: text, model: body["model"]?.stringValue ?? "—",
                                     traceHref: answer.traceID.map { "/traces/" + $0 }, traceID: answer.traceID ?? "—",
                                     latency: "—", tokens: tokens, cost: "—")
    }
}
