import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OpsCore

/// The one HTTP client every provider shares: connection pooling, timeouts, and the mapping of
/// transport failures to `OpsError` (timeouts → 504, connection failures → 502).
public final class UpstreamClient: Sendable {
    public let http: HTTPClient
    private let ownsClient: Bool

    public init(eventLoopGroup: (any EventLoopGroup)? = nil, connectTimeoutMs: Int = 5_000) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeoutMs)), read: .seconds(600))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.decompression = .enabled(limit: .ratio(20))
        if let eventLoopGroup {
            http = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
        } else {
            http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        }
        ownsClient = true
    }

    public func shutdown() async throws {
        if ownsClient { try await http.shutdown() }
    }

    /// Sends a JSON POST and returns once the response head arrived (within `timeouts.firstTokenMs`).
    public func post(url: String, headers: [(String, String)], json: JSONValue,
                     timeouts: UpstreamTimeouts) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "application/json, text/event-stream")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: json.serialized()))
        do {
            return try await http.execute(request, timeout: .milliseconds(Int64(timeouts.firstTokenMs)))
        } catch {
            throw Self.transportError(error, url: url)
        }
    }

    /// Reads a whole body, bounded by `limit` bytes.
    public static func collect(_ response: HTTPClientResponse, limit: Int = 64 << 20) async throws -> [UInt8] {
        do {
            var buffer = try await response.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch {
            throw transportError(error, url: nil)
        }
    }

    /// Turns a client failure into the error the gateway reports.
    public static func transportError(_ error: any Error, url: String?) -> any Error {
        if error is OpsError || error is CancellationError { return error }
        let target = url.map { " (\($0))" } ?? ""
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout:
                return OpsError(.upstreamTimeout, "upstream timed out\(target)", code: "upstream_timeout")
            case .cancelled:
                return CancellationError()
            default:
                return OpsError(.upstreamUnavailable, "upstream connection failed\(target): \(e)", code: "upstream_unavailable")
            }
        }
        return OpsError(.upstreamUnavailable, "upstream connection failed\(target): \(error)", code: "upstream_unavailable")
    }
}
