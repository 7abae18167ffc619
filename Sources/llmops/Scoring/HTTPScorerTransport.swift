import AsyncHTTPClient
import Foundation
import NIOCore
import OpsEval

/// `external:http:URL`: POSTs the request JSON to the URL; a 2xx answer's body is the score.
/// Any other status, a connection failure or no answer within the timeout is an error.
struct HTTPScorerTransport: ScorerTransport {
    let url: String

    /// One client for every scorer of the process; it lives as long as the process.
    private static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    func exchange(_ request: [UInt8], timeout: Duration) async throws -> [UInt8] {
        var post = HTTPClientRequest(url: url)
        post.method = .POST
        post.headers.add(name: "content-type", value: "application/json")
        post.headers.add(name: "user-agent", value: "llmops-cli")
        post.body = .bytes(ByteBuffer(bytes: request))
        let nanoseconds = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        let body: [UInt8]
        let status: Int
        do {
            let response = try await Self.http.execute(post, timeout: .nanoseconds(nanoseconds))
            var buffer = try await response.body.collect(upTo: ChildProcess.outputLimit)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
            status = Int(response.status.code)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            throw ScorerError("did not answer within \(EvalSeconds.text(timeout))")
        } catch {
            throw ScorerError("cannot reach \(url) (\(error))")
        }
        guard (200..<300).contains(status) else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            throw ScorerError("answered HTTP \(status)" + (text.isEmpty ? "" : ": \(text)"))
        }
        return body
    }
}
