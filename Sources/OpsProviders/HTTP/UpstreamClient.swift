import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import OpsCore

/// The one HTTP client every provider shares: `http://` upstreams go through `PlainHTTP1Client`
/// (swift-nio directly, the cheap path), everything else (TLS) through AsyncHTTPClient. Both pool
/// connections, bound the wait for the response head by `timeouts.firstTokenMs`, and map transport
/// failures to `OpsError` (timeouts → 504, connection failures → 502).
public final class UpstreamClient: Sendable {
    public let http: HTTPClient
    public let plain: PlainHTTP1Client
    /// False sends `http://` upstreams through AsyncHTTPClient too: `LLMOPS_PLAIN_HTTP1=0`, an
    /// escape hatch and the baseline for `bench/gateway`.
    let plainEnabled: Bool
    /// The largest body read into memory.
    static let bodyLimit = 64 << 20

    public init(eventLoopGroup: (any EventLoopGroup)? = nil, connectTimeoutMs: Int = 5_000,
                usePlainHTTP1: Bool = ProcessInfo.processInfo.environment["LLMOPS_PLAIN_HTTP1"] != "0") {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeoutMs)), read: .seconds(600))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.decompression = .enabled(limit: .ratio(20))
        if let eventLoopGroup {
            http = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
        } else {
            http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        }
        plain = PlainHTTP1Client(eventLoopGroup: eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton)
        plainEnabled = usePlainHTTP1
    }

    public func shutdown() async throws {
        await plain.shutdown()
        try await http.shutdown()
    }

    /// POSTs JSON and returns the whole answer; the head must arrive within `timeouts.firstTokenMs`.
    public func post(_ url: UpstreamURL, headers: [(String, String)], json: JSONValue,
                     timeouts: UpstreamTimeouts) async throws -> UpstreamResponse {
        let body = Self.encode(json)
        do {
            if plainEnabled && url.isPlainHTTP {
                return try await plain.post(url, headers: headers, body: body, timeouts: timeouts, bodyLimit: Self.bodyLimit)
            }
            let response = try await http.execute(Self.request(url, headers, body), timeout: .milliseconds(Int64(timeouts.firstTokenMs)))
            let collected = try await response.body.collect(upTo: Self.bodyLimit)
            return UpstreamResponse(status: Int(response.status.code), headers: response.headers, body: collected)
        } catch {
            throw Self.transportError(error, url: url.string)
        }
    }

    /// POSTs JSON and returns once the head arrived (within `timeouts.firstTokenMs`); the body is
    /// read as it arrives.
    public func stream(_ url: UpstreamURL, headers: [(String, String)], json: JSONValue,
                       timeouts: UpstreamTimeouts) async throws -> UpstreamStreamingResponse {
        let body = Self.encode(json)
        do {
            if plainEnabled && url.isPlainHTTP {
                return try await plain.stream(url, headers: headers, body: body, timeouts: timeouts)
            }
            let response = try await http.execute(Self.request(url, headers, body), timeout: .milliseconds(Int64(timeouts.firstTokenMs)))
            return UpstreamStreamingResponse(status: Int(response.status.code), headers: response.headers,
                                             body: UpstreamBody(source: .pooled(response.body)))
        } catch {
            throw Self.transportError(error, url: url.string)
        }
    }

    /// Reads the rest of a streamed answer (an error body), bounded by `limit` bytes.
    public static func collect(_ response: UpstreamStreamingResponse, limit: Int = 1 << 20) async throws -> [UInt8] {
        do {
            return Array(try await response.body.collect(upTo: limit).readableBytesView)
        } catch {
            throw transportError(error, url: nil)
        }
    }

    private static func encode(_ json: JSONValue) -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1024)
        json.write(into: &bytes)
        return ByteBuffer(bytes: bytes)
    }

    private static func request(_ url: UpstreamURL, _ headers: [(String, String)], _ body: ByteBuffer) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url.string)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "accept", value: "application/json, text/event-stream")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(body)
        return request
    }

    /// Turns a client failure into the error the gateway reports.
    public static func transportError(_ error: any Error, url: String?) -> any Error {
        if error is OpsError || error is CancellationError { return error }
        let target = url.map { " (\($0))" } ?? ""
        if let e = error as? PlainHTTP1Error {
            if e.isTimeout { return OpsError(.upstreamTimeout, "upstream timed out\(target): \(e)", code: "upstream_timeout") }
            return OpsError(.upstreamUnavailable, "upstream connection failed\(target): \(e)", code: "upstream_unavailable")
        }
        if let e = error as? ChannelError, case .connectTimeout = e {
            return OpsError(.upstreamTimeout, "upstream timed out\(target): connect", code: "upstream_timeout")
        }
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
