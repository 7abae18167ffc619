import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import OpsCore
import OpsServer
import OpsTelemetry
import OpsTesting
import ServiceLifecycle

/// A real gateway on an ephemeral loopback port, backed by a temporary SQLite store and a
/// scriptable mock upstream, with keys of every role and a second project.
final class GatewayHarness: @unchecked Sendable {
    let mock = MockUpstream()
    let server: LLMOpsServer
    let port: Int
    let admin: String
    let developer: String
    let viewer: String
    let otherProject: String
    let dataDirectory: String
    let client = HTTPClient(eventLoopGroupProvider: .singleton)
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var base: String { "http://127.0.0.1:\(port)" }

    /// `storageURL` nil means a temporary SQLite file; `store`, when given, is used instead of opening one.
    static func start(durability: TraceDurability = .strict, storageURL: String? = nil, store: (any OpsStore)? = nil,
                      clock: any WallClock = SystemClock(),
                      configure: (inout LLMOpsConfig) -> Void = { _ in }) async throws -> GatewayHarness {
        try await GatewayHarness(durability: durability, storageURL: storageURL, store: store, clock: clock, configure: configure)
    }

    private init(durability: TraceDurability, storageURL: String?, store given: (any OpsStore)?, clock: any WallClock,
                 configure: (inout LLMOpsConfig) -> Void) async throws {
        let mockPort = try await mock.start()
        dataDirectory = NSTemporaryDirectory() + "llmops-test-" + Identifier.hex(bytes: 6)
        var config = LLMOpsConfig()
        config.server.port = 0
        config.storage.url = storageURL ?? "sqlite://\(dataDirectory)/llmops.sqlite"
        config.tracing.durability = durability
        config.localModels.enabled = false
        var mockModel = ModelConfig(name: "mock-model", provider: .openai, baseURL: "http://127.0.0.1:\(mockPort)/v1",
                                    apiKey: "env:MOCK_KEY", upstreamModel: "mock-upstream-model",
                                    price: Price(inputPerMTok: 1, outputPerMTok: 2))
        mockModel.timeouts.firstTokenMs = 2_000
        var claude = ModelConfig(name: "mock-claude", provider: .anthropic, baseURL: "http://127.0.0.1:\(mockPort)/v1",
                                 apiKey: "env:MOCK_KEY", upstreamModel: "claude-mock", price: Price(inputPerMTok: 3, outputPerMTok: 15))
        claude.timeouts.firstTokenMs = 2_000
        config.models = [mockModel, claude]
        configure(&config)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        if let given {
            server = try await LLMOpsServer.make(config: config, store: given, environment: ["MOCK_KEY": "sk-mock"], logger: logger,
                                                 clock: clock)
        } else {
            server = try await LLMOpsServer.make(config: config, environment: ["MOCK_KEY": "sk-mock"], logger: logger, clock: clock)
        }
        let store = server.services.store
        admin = try await KeyIssuer(store: store).issue(project: "alpha", role: .admin, name: "admin").secret
        developer = try await KeyIssuer(store: store).issue(project: "alpha", role: .developer, name: "dev").secret
        viewer = try await KeyIssuer(store: store).issue(project: "alpha", role: .viewer, name: "viewer").secret
        otherProject = try await KeyIssuer(store: store).issue(project: "beta", role: .admin, name: "beta").secret
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = server.application { continuation.yield($0) }
        group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let group = self.group
        task = Task { try await group.run() }
        var bound = 0
        for await p in ports { bound = p; break }
        port = bound
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        await server.shutdown()
        await mock.stop()
        try? await client.shutdown()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }

    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
        var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    func send(_ method: HTTPMethod, _ path: String, key: String?, body: [UInt8]? = nil,
              headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let key { request.headers.add(name: "authorization", value: "Bearer \(key)") }
        for (n, v) in headers { request.headers.add(name: n, value: v) }
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        var buffer = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func post(_ path: String, _ json: JSONValue, key: String?, headers: [(String, String)] = []) async throws -> Reply {
        try await send(.POST, path, key: key, body: json.serialized(), headers: headers)
    }

    func get(_ path: String, key: String?) async throws -> Reply { try await send(.GET, path, key: key) }

    /// The newest traces of the key's project.
    func traces(key: String, query: String = "") async throws -> [JSONValue] {
        let reply = try await get("/api/traces" + (query.isEmpty ? "" : "?" + query), key: key)
        return reply.json["data"]?.arrayValue ?? []
    }

    static func chat(_ text: String, model: String = "mock-model", stream: Bool = false, extra: [(String, JSONValue)] = []) -> JSONValue {
        var o = JSONObject([("model", .string(model)), ("messages", [["role": "user", "content": .string(text)]])])
        if stream { o["stream"] = true }
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }
}
