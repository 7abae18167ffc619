import HTTPTypes
import Hummingbird
import NIOCore
import OpsCore

/// Sends a chat request through the gateway from inside the server, as the signed-in key: the
/// same `ChatController` path an API client takes (prompt expansion, role, routes, limits, cache,
/// retries), so the call is limited, billed and traced like any other. Used by the playground.
struct GatewayLoopback {
    let services: GatewayServices

    /// What came back: the parsed body and the trace id header.
    struct Answer {
        var body: JSONValue
        var traceID: String?
    }

    /// Runs `body` (a chat completions request) and returns the answer; errors are the gateway's
    /// own `OpsError`s (a missing variable is a 400 naming it, an unknown model a 404).
    func complete(_ body: JSONValue, context: OpsRequestContext, tags: [String]) async throws -> Answer {
        var head = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/v1/chat/completions")
        head.headerFields[.contentType] = "application/json"
        head.headerFields[TraceDraft.tagsHeader] = tags.joined(separator: ",")
        let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body.serialized())))
        let response = try await ChatController(services: services).complete(request, context: context)
        var collector = Collector()
        try await response.body.write(collector.writer)
        let bytes = await collector.bytes()
        return Answer(body: (try? JSONParser.parse(bytes)) ?? .null, traceID: response.headers[TraceDraft.traceIDHeader])
    }

    /// Collects a response body into memory.
    private struct Collector {
        private let box = Box()
        var writer: Writer { Writer(box: box) }
        func bytes() async -> [UInt8] { await box.bytes }

        actor Box {
            var bytes: [UInt8] = []
            func append(_ buffer: ByteBuffer) { bytes += buffer.readableBytesView }
        }

        struct Writer: ResponseBodyWriter {
            let box: Box
            mutating func write(_ buffer: ByteBuffer) async throws { await box.append(buffer) }
            consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
        }
    }
}
