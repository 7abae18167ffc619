import NIOCore
import NIOHTTP1
import NIOPosix
import OpsCore

/// HTTP/1.1 over plain TCP for `http://` upstreams (vLLM, llama.cpp, Ollama, a sidecar), built on
/// swift-nio directly: keep-alive connections pooled per host, the request written as one head and
/// one body buffer, and a non-streamed answer collected into one buffer and handed over through a
/// single promise. Streams are delivered part by part. Dropping either (task cancelled, stream
/// abandoned) closes the connection, so the upstream sees the caller leave.
public final class PlainHTTP1Client: Sendable {
    let group: any EventLoopGroup
    let pool: PlainHTTP1ConnectionPool
    /// The loops of `group`, to tell whether the caller runs on one of them.
    let ownLoops: [any EventLoop]
    /// The longest pause allowed between two parts of a body.
    let readTimeout: TimeAmount

    public init(eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                readTimeout: TimeAmount = .seconds(600), maxIdlePerHost: Int = 64, idleTimeout: TimeAmount = .seconds(60)) {
        group = eventLoopGroup
        ownLoops = Array(eventLoopGroup.makeIterator())
        pool = PlainHTTP1ConnectionPool(maxIdlePerHost: maxIdlePerHost, idleTimeout: idleTimeout)
        self.readTimeout = readTimeout
    }

    public func shutdown() async { await pool.shutdown() }

    /// POSTs `body` and returns the whole answer. The head must arrive within `timeouts.firstTokenMs`.
    public func post(_ url: UpstreamURL, headers: [(String, String)], body: ByteBuffer, timeouts: UpstreamTimeouts,
                     bodyLimit: Int = 64 << 20) async throws -> UpstreamResponse {
        try await send(.POST, url, headers: headers, body: body, timeouts: timeouts, bodyLimit: bodyLimit)
    }

    /// Any method, with or without a body (of `contentType`), and the whole answer; the head must
    /// arrive within `timeouts.firstTokenMs`.
    public func send(_ method: HTTPMethod, _ url: UpstreamURL, headers: [(String, String)], body: ByteBuffer?,
                     contentType: String = "application/json", timeouts: UpstreamTimeouts,
                     bodyLimit: Int = 64 << 20) async throws -> UpstreamResponse {
        let request = PlainHTTP1Request(url: url, method: method, headers: headers, body: body, contentType: contentType)
        return try await withConnection(to: url, timeouts: timeouts) { connection in
            let promise = connection.eventLoop.makePromise(of: UpstreamResponse.self)
            let token = PlainHTTP1ExchangeToken()
            return try await withTaskCancellationHandler {
                start(request, on: connection, sink: .collect(promise), token: token, timeouts: timeouts, bodyLimit: bodyLimit)
                return try await promise.futureResult.get()
            } onCancel: {
                Self.cancel(token, on: connection)
            }
        }
    }

    /// POSTs `body` and returns once the head arrived (within `timeouts.firstTokenMs`); the body
    /// follows part by part.
    public func stream(_ url: UpstreamURL, headers: [(String, String)], body: ByteBuffer,
                       timeouts: UpstreamTimeouts) async throws -> UpstreamStreamingResponse {
        let request = PlainHTTP1Request(url: url, headers: headers, body: body)
        return try await withConnection(to: url, timeouts: timeouts) { connection in
            let promise = connection.eventLoop.makePromise(of: HTTPResponseHead.self)
            let token = PlainHTTP1ExchangeToken()
            let (parts, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
            continuation.onTermination = { termination in
                if case .cancelled = termination { Self.cancel(token, on: connection) }
            }
            let head = try await withTaskCancellationHandler {
                start(request, on: connection, sink: .stream(head: promise, body: continuation), token: token,
                      timeouts: timeouts, bodyLimit: .max)
                return try await promise.futureResult.get()
            } onCancel: {
                Self.cancel(token, on: connection)
            }
            return UpstreamStreamingResponse(status: Int(head.status.code), headers: head.headers, body: UpstreamBody(source: .plain(parts)))
        }
    }

    /// Runs `exchange` on a pooled connection, or a new one. A pooled connection the server had
    /// already closed fails before any byte of the answer; the request is then sent once more on a
    /// fresh connection.
    private func withConnection<Value>(to url: UpstreamURL, timeouts: UpstreamTimeouts,
                                       _ exchange: (PlainHTTP1Connection) async throws -> Value) async throws -> Value {
        // On one of our loops, use (and open) connections on that loop only.
        let current = MultiThreadedEventLoopGroup.currentEventLoop.flatMap { loop in ownLoops.contains { $0 === loop } ? loop : nil }
        if let pooled = try pool.lease(url.connectionKey, on: current) {
            do {
                return try await exchange(pooled)
            } catch PlainHTTP1Error.connectionClosed(beforeResponse: true) {
                try Task.checkCancellation()
            }
        }
        let fresh = try await PlainHTTP1Connection.connect(to: url, group: current ?? group.any(), connectTimeout: .milliseconds(Int64(timeouts.connectMs)),
                                                           pool: pool).get()
        return try await exchange(fresh)
    }

    private func start(_ request: PlainHTTP1Request, on connection: PlainHTTP1Connection, sink: PlainHTTP1Handler.Sink,
                       token: PlainHTTP1ExchangeToken, timeouts: UpstreamTimeouts, bodyLimit: Int) {
        let headTimeout = TimeAmount.milliseconds(Int64(timeouts.firstTokenMs))
        let readTimeout = readTimeout
        let handler = connection.handler
        let loop = connection.eventLoop
        if loop.inEventLoop {
            handler.value.start(request, sink: sink, token: token, headTimeout: headTimeout, readTimeout: readTimeout, bodyLimit: bodyLimit)
        } else {
            loop.execute {
                handler.value.start(request, sink: sink, token: token, headTimeout: headTimeout, readTimeout: readTimeout,
                                    bodyLimit: bodyLimit)
            }
        }
    }

    private static func cancel(_ token: PlainHTTP1ExchangeToken, on connection: PlainHTTP1Connection) {
        let handler = connection.handler
        token.markCancelled()
        connection.eventLoop.execute { handler.value.cancel(token) }
    }
}
