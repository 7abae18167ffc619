import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpsCore
import OpsProviders

/// A small client for the management API. Errors come back as `CLIError`s that print the
/// server's message and the field it named, so a command's failure reads like the API's.
struct LLMOpsClient {
    let base: String
    let apiKey: String
    /// How long one request may wait for its answer (`eval run --timeout`; a judge or a slow model
    /// can take minutes).
    var timeout: Duration = .seconds(120)

    struct Reply {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> JSONValue {
            do { return try JSONParser.parse(body) } catch {
                throw CLIError("the server answered with something that is not JSON: \(text.prefix(200))")
            }
        }
    }

    /// Sends one request; a non-2xx answer throws with the server's error message.
    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil,
              contentType: String = "application/json") async throws -> Reply {
        do {
            let reply = Self.plainEnabled && base.lowercased().hasPrefix("http://")
                ? try await executePlain(method, path, body: body, contentType: contentType)
                : try await execute(Self.http, method, path, body: body, contentType: contentType)
            guard (200..<300).contains(reply.status) else { throw Self.error(from: reply) }
            return reply
        } catch {
            if error is CLIError { throw error }
            throw CLIError("cannot reach the llmops server at \(base) (\(Self.describe(error))); "
                           + "start it with `llmops serve` or pass --url / set LLMOPS_URL")
        }
    }

    /// One client for the process, with a short connect timeout: `HTTPClient.shared` keeps retrying a
    /// refused connection until the request deadline, which turns "no server there" into a long hang.
    /// Up to 256 connections (the most `eval run --concurrency` allows, plus the result batches):
    /// the default of 8 would queue a run's items behind each other. It lives as long as the
    /// process, so it is never shut down.
    private static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 264
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// `http://` servers (the usual `llmops serve` on this machine or a private network) go through
    /// the gateway's own lean HTTP/1.1 client: an `eval run` sends one request per item, and
    /// AsyncHTTPClient spent about twice its CPU per request. TLS stays with AsyncHTTPClient;
    /// `LLMOPS_PLAIN_HTTP1=0` sends everything there.
    private static let plain = PlainHTTP1Client()
    private static let plainEnabled = ProcessInfo.processInfo.environment["LLMOPS_PLAIN_HTTP1"] != "0"
    private func executePlain(_ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String) async throws -> Reply {
        let headers = [("authorization", "Bearer \(apiKey)"), ("user-agent", "llmops-cli")]
        let ms = Int(timeout.components.seconds) * 1000 + Int(timeout.components.attoseconds / 1_000_000_000_000_000)
        let timeouts = UpstreamTimeouts(connectMs: min(5_000, ms), firstTokenMs: ms, totalMs: ms)
        let response: UpstreamResponse
        do {
            response = try await Self.plain.send(method, UpstreamURL(base + path), headers: headers,
                                                 body: body.map { ByteBuffer(bytes: $0) }, contentType: contentType,
                                                 timeouts: timeouts, bodyLimit: 1 << 30)
        } catch let error as PlainHTTP1Error where error.isTimeout {
            throw CLIError("the llmops server at \(base) did not answer \(method) \(path) within \(EvalSeconds.text(timeout)) "
                           + "(raise it with --timeout)")
        }
        return Reply(status: response.status, headers: response.headers, body: response.bodyBytes)
    }

    func json(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws -> JSONValue {
        try await send(method, path, body: body?.serialized()).json()
    }

    private func execute(_ client: HTTPClient, _ method: HTTPMethod, _ path: String, body: [UInt8]?,
                         contentType: String) async throws -> Reply {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "authorization", value: "Bearer \(apiKey)")
        request.headers.add(name: "user-agent", value: "llmops-cli")
        if let body {
            request.headers.add(name: "content-type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000
                                                                          + timeout.components.attoseconds / 1_000_000_000))
        var buffer = try await response.body.collect(upTo: 1 << 30)
        return Reply(status: Int(response.status.code), headers: response.headers,
                     body: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    /// `{"error": {"message", "param"}}` as one line: `message (field: param)`.
    static func error(from reply: Reply) -> CLIError {
        let error = (try? JSONParser.parse(reply.body))?["error"]
        guard let message = error?["message"]?.stringValue else {
            return CLIError("the server answered \(reply.status): \(reply.text.prefix(200))")
        }
        let param = error?["param"]?.stringValue.map { " (field: \($0))" } ?? ""
        return CLIError(message + param)
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: error)
    }

    /// A path segment: names are letters, digits, `.`, `_`, `-` and `@`, but encode anyway.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#")))
            ?? text
    }

    /// A query value.
    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

/// A failure a command reports in one line on stderr, exiting with status 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
