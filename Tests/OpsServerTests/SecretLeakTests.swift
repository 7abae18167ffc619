import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import OpsCore
import OpsSQLite
@testable import OpsServer
import OpsTesting
import ServiceLifecycle
import Synchronization
import XCTest

/// A provider key stored with `llmops secrets`' code and referenced as `secret:NAME` reaches the
/// provider, and nowhere else: not a log line (every level), a trace, `/metrics`, an error body, an
/// API answer, a console page, nor the database file in the clear.
final class SecretLeakTests: XCTestCase {
    /// Every log line (message, metadata, source) the server writes, at every level.
    final class CapturedLog: Sendable {
        let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined(separator: "\n") } }
    }

    struct CaptureHandler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
                 function: String, line: UInt) {
            let all = self.metadata.merging(extra ?? [:]) { $1 }
            log.lines.withLock { $0.append("\(level) \(source) \(message) \(all)") }
        }
    }

    func testPlantedSecretReachesOnlyTheProvider() async throws {
        let planted = "sk-planted-" + Identifier.hex(bytes: 12)
        let literal = "sk-literal-" + Identifier.hex(bytes: 12)
        let directory = NSTemporaryDirectory() + "llmops-leak-" + Identifier.hex(bytes: 6)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        let mock = MockUpstream()
        let mockPort = try await mock.start()
        addTeardownBlock { await mock.stop() }

        // What `llmops secrets set UPSTREAM_KEY` does, with the master key from the environment.
        let masterKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let environment = [MasterKeySource.environmentVariable: masterKey]
        let store = try SQLiteStore(path: directory + "/llmops.sqlite")
        try await store.migrate()
        let source = MasterKeySource(environment: environment, storageURL: "sqlite://llmops.sqlite", dataDirectory: directory)
        try await SecretVault.open(store: store, source: source, create: true).set("UPSTREAM_KEY", value: planted)

        var config = LLMOpsConfig()
        config.server.port = 0
        config.storage.url = "sqlite://\(directory)/llmops.sqlite"
        config.localModels.enabled = false
        let base = "http://127.0.0.1:\(mockPort)/v1"
        config.models = [
            ModelConfig(name: "mock-model", provider: .openai, baseURL: base, apiKey: "secret:UPSTREAM_KEY", upstreamModel: "m",
                        price: Price(inputPerMTok: 1, outputPerMTok: 2)),
            ModelConfig(name: "literal-model", provider: .openai, baseURL: base, apiKey: literal, upstreamModel: "m"),
            ModelConfig(name: "orphan-model", provider: .openai, baseURL: base, apiKey: "secret:NOT_STORED", upstreamModel: "m"),
        ]
        let captured = CapturedLog()
        var logger = Logger(label: "llmops") { _ in CaptureHandler(log: captured) }
        logger.logLevel = .trace
        let server = try await LLMOpsServer.make(config: config, store: store, environment: environment, logger: logger,
                                                 dataDirectory: directory)
        let admin = try await KeyIssuer(store: store).issue(project: "alpha", role: .admin, name: "admin").secret
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let group = ServiceGroup(configuration: .init(services: [server.application { continuation.yield($0) }], logger: logger))
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports { port = p; break }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        addTeardownBlock {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            await server.shutdown()
            try? await client.shutdown()
        }

        var answers: [String] = []
        func call(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> (Int, String) {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)" + path)
            request.method = method
            request.headers.add(name: "authorization", value: "Bearer \(admin)")
            if let body {
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body.serialized()))
            }
            let response = try await client.execute(request, timeout: .seconds(30))
            let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
            answers.append(response.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n" + text)
            return (Int(response.status.code), text)
        }
        func chat(_ text: String, model: String = "mock-model", stream: Bool = false) -> JSONValue {
            ["model": .string(model), "messages": [["role": "user", "content": .string(text)]], "stream": .bool(stream)]
        }

        let ok = try await call(.POST, "/v1/chat/completions", chat("hello"))
        XCTAssertEqual(ok.0, 200, ok.1)
        let streamed = try await call(.POST, "/v1/chat/completions", chat("hello stream", stream: true))
        XCTAssertEqual(streamed.0, 200)
        XCTAssertTrue(streamed.1.contains("[DONE]"), streamed.1)
        // An upstream that refuses the key and names it in its message, as some providers do.
        mock.enqueue(.status(401, message: "Incorrect API key provided: \(planted)."))
        let refused = try await call(.POST, "/v1/chat/completions", chat("refused"))
        XCTAssertEqual(refused.0, 401, refused.1)
        XCTAssertTrue(refused.1.contains("Incorrect API key provided: [redacted]"), refused.1)
        mock.enqueue(.status(401, message: "key \(planted) revoked"))
        let refusedStream = try await call(.POST, "/v1/chat/completions", chat("refused stream", stream: true))
        XCTAssertEqual(refusedStream.0, 401, refusedStream.1)
        mock.enqueue(.status(500, message: "internal failure for \(planted)"))
        let failed = try await call(.POST, "/v1/chat/completions", chat("failed"))
        XCTAssertEqual(failed.0, 502, failed.1)
        let embedded = try await call(.POST, "/v1/embeddings", ["model": "mock-model", "input": "vector me"])
        XCTAssertEqual(embedded.0, 200, embedded.1)
        let literalCall = try await call(.POST, "/v1/chat/completions", chat("literal", model: "literal-model"))
        XCTAssertEqual(literalCall.0, 200, literalCall.1)

        XCTAssertTrue(mock.authorizations.contains("Bearer \(planted)"), "the secret reached the provider: \(mock.authorizations.count)")
        XCTAssertEqual(mock.authorizations.filter { $0 == "Bearer \(planted)" }.count, 6, "every mock-model call carried it")

        await server.services.recorder.awaitStored()
        let traces = try await call(.GET, "/api/traces?limit=100")
        let ids = (try JSONParser.parse(traces.1))["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        XCTAssertEqual(ids.count, 7)
        for id in ids { _ = try await call(.GET, "/api/traces/\(id)") }
        for path in ["/metrics", "/v1/models", "/api/audit", "/api/keys", "/api/routes", "/ready", "/api/openapi.json"] {
            _ = try await call(.GET, path)
        }

        let logs = captured.text
        XCTAssertTrue(logs.contains("model 'literal-model'") && logs.contains("written into the configuration"), logs)
        XCTAssertTrue(logs.contains("model 'orphan-model'") && logs.contains("NOT_STORED"), "a missing secret names model and secret")
        XCTAssertFalse(logs.contains(literal), "the literal key's warning names the model, not the key")
        let everything = [logs, answers.joined(separator: "\n")]
        for (index, output) in everything.enumerated() {
            XCTAssertFalse(output.contains(planted), "output \(index) contains the planted secret")
            XCTAssertFalse(output.contains(masterKey), "output \(index) contains the master key")
        }
        try await store.close()
        let files = (FileManager.default.subpaths(atPath: directory) ?? []).filter { file in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: directory + "/" + file, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        XCTAssertTrue(files.contains("llmops.sqlite"), "\(files)")
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
            XCTAssertNil(bytes.range(of: Data(planted.utf8)), "\(file) holds the secret in the clear")
        }
    }
}
