import Foundation
import OpsCore
import OpsGateway
@testable import OpsServer
import OpsTelemetry
import OpsTesting

/// A gateway whose route `chat` sends to `mock-model` (the harness's mock, "primary") and falls
/// back to `backup` (a second mock upstream on its own port), for fault and routing tests.
struct RoutedGateway {
    let gw: GatewayHarness
    let backup: MockUpstream
    var primary: MockUpstream { gw.mock }

    static func start(route: (inout RouteConfig) -> Void = { _ in }, durability: TraceDurability = .strict,
                      storageURL: String? = nil,
                      configure: @escaping (inout LLMOpsConfig) -> Void = { _ in }) async throws -> RoutedGateway {
        let backup = MockUpstream()
        let backupPort = try await backup.start()
        var chat = RouteConfig(name: "chat", deployments: [.init(model: "mock-model", weight: 1)], fallbacks: ["backup"],
                               retries: .init(attempts: 1, backoffMs: 10, capMs: 100))
        route(&chat)
        let gw = try await GatewayHarness.start(durability: durability, storageURL: storageURL) { config in
            var model = ModelConfig(name: "backup", provider: .openai, baseURL: "http://127.0.0.1:\(backupPort)/v1",
                                    apiKey: "env:MOCK_KEY", upstreamModel: "backup-upstream-model",
                                    price: Price(inputPerMTok: 1, outputPerMTok: 2))
            model.timeouts.firstTokenMs = 2_000
            config.models.append(model)
            config.routes = [chat]
            configure(&config)
        }
        return RoutedGateway(gw: gw, backup: backup)
    }

    func stop() async {
        await gw.stop()
        await backup.stop()
    }

    /// The trace a reply names, once it is readable.
    func trace(of reply: GatewayHarness.Reply) async throws -> JSONValue {
        let id = reply.header("x-llmops-trace-id") ?? ""
        return try await gw.get("/api/traces/\(id)", key: gw.admin).json
    }

    /// `(deployment, http_status)` of every generation of a trace, in order.
    static func attempts(_ trace: JSONValue) -> [String] {
        (trace["generations"]?.arrayValue ?? []).map {
            "\($0["model"]?.stringValue ?? "?"):\($0["http_status"]?.intValue ?? 0)"
        }
    }

    /// The `data:` payloads of an SSE body, `[DONE]` included.
    static func events(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }
}

extension JSONValue {
    /// The element at `index` of an array, nil when out of range or not an array.
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
