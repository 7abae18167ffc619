import Foundation
import Hummingbird
import OpsCore

/// Pieces both mock dialects share.
enum MockResponses {
    static func readJSON(_ request: Request) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: 64 << 20)
        return (try? JSONParser.parse(buffer.readableBytesView)) ?? .null
    }

    /// Sleeps through leading delays; returns the behaviour to perform and any per-chunk delay.
    static func settle(_ behavior: MockBehavior) async throws -> (MockBehavior, Int) {
        var current = behavior
        var chunkDelay = 0
        while true {
            switch current {
            case .delay(let ms, let then):
                try await Task.sleep(nanoseconds: UInt64(ms) * 1_000_000)
                current = then
            case .slowStream(let ms, let then):
                chunkDelay = ms
                current = then
            case .sometimes(let probability, let then, let otherwise):
                current = Double.random(in: 0..<1) < probability ? then : otherwise
            default:
                return (current, chunkDelay)
            }
        }
    }

    /// Headers promising a body, a few bytes of it, then the connection closes.
    static func droppedConnection() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json", .contentLength: "4096"],
                 body: ResponseBody { writer in
                     try await writer.write(ByteBuffer(string: "{\"id\": \"chatcmpl-"))
                     throw CancellationError()
                 })
    }

    static func text(for behavior: MockBehavior, prompt: String) -> String {
        switch behavior {
        case .reply(let text): return text
        case .hangMidStream, .streamError: return "one two three four five six seven eight nine ten"
        default: return "echo: " + prompt
        }
    }

    /// Words with their following space, so chunks concatenate back to the text.
    static func pieces(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text {
            current.append(ch)
            if ch == " " { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func tokenCount(_ text: String) -> Int { max(1, text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count) }

    /// A deterministic unit vector for a text (8 dimensions).
    static func vector(for text: String) -> [Float] {
        var v = [Float](repeating: 0, count: 8)
        for (i, b) in text.utf8.enumerated() { v[i % 8] += Float(b) }
        let norm = sqrt(v.reduce(0) { $0 + $1 * $1 })
        return norm == 0 ? v : v.map { $0 / norm }
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }

    static func error(code: Int, message: String, retryAfter: Int?) -> Response {
        var response = json(["error": ["message": .string(message), "type": code < 500 ? "invalid_request_error" : "server_error",
                                       "param": .null, "code": .null]],
                            status: HTTPResponse.Status(code: code))
        if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        return response
    }
}
