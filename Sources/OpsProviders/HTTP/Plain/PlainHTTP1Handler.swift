import NIOCore
import NIOHTTP1
import Synchronization

/// Runs one request/response exchange at a time on a keep-alive connection: writes the request,
/// bounds the wait for the response head and stalls in the body, and hands the answer over either
/// whole (one buffer, one promise) or part by part (a stream). Lives on the channel's event loop.
final class PlainHTTP1Handler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    /// Where the answer goes.
    enum Sink: Sendable {
        /// The whole body in one buffer, then the promise.
        case collect(EventLoopPromise<UpstreamResponse>)
        /// The head to the promise, then each body part as it arrives.
        case stream(head: EventLoopPromise<HTTPResponseHead>, body: AsyncThrowingStream<ByteBuffer, any Error>.Continuation)
    }

    private struct Exchange {
        let token: PlainHTTP1ExchangeToken
        let sink: Sink
        let readTimeout: TimeAmount
        let bodyLimit: Int
        var head: HTTPResponseHead?
        var body: ByteBuffer?
        var receivedAny = false
        var lastRead = NIODeadline.now()
        var timer: Scheduled<Void>?
    }

    private var exchange: Exchange?
    private var context: ChannelHandlerContext?
    private var isClosed = false
    /// Called when an exchange ended and the connection can carry another request.
    var onReusable: (() -> Void)?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(PlainHTTP1Error.connectionClosed(beforeResponse: exchange?.receivedAny == false))
        self.context = nil
    }

    /// Sends `request` and delivers the answer to `sink`. A closed connection fails the sink at once.
    func start(_ request: PlainHTTP1Request, sink: Sink, token: PlainHTTP1ExchangeToken,
               headTimeout: TimeAmount, readTimeout: TimeAmount, bodyLimit: Int) {
        guard let context, !isClosed, exchange == nil else {
            Self.fail(sink, PlainHTTP1Error.connectionClosed(beforeResponse: true), headReceived: false)
            return
        }
        guard !token.isCancelled else {
            // Nothing was written: the connection stays fit for the next request.
            onReusable?()
            Self.fail(sink, CancellationError(), headReceived: false)
            return
        }
        exchange = Exchange(token: token, sink: sink, readTimeout: readTimeout, bodyLimit: bodyLimit)
        exchange?.timer = context.eventLoop.scheduleTask(in: headTimeout) { [weak self] in self?.timerFired() }
        context.write(wrapOutboundOut(.head(request.head)), promise: nil)
        if let body = request.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Abandons the exchange `token` names (its caller went away) and closes the connection.
    func cancel(_ token: PlainHTTP1ExchangeToken) {
        guard let exchange, exchange.token === token else { return }
        fail(CancellationError())
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard exchange != nil else {
            // Bytes nobody asked for: the connection is out of step.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard head.status.code >= 200 else { return }
            exchange!.receivedAny = true
            exchange!.head = head
            exchange!.lastRead = .now()
            // The head timer stays: when it fires it checks the body for stalls instead.
            if case .stream(let promise, _) = exchange!.sink { promise.succeed(head) }
        case .body(let part):
            exchange!.lastRead = .now()
            switch exchange!.sink {
            case .collect:
                if exchange!.body == nil {
                    exchange!.body = part
                } else {
                    var part = part
                    exchange!.body!.writeBuffer(&part)
                }
                if exchange!.body!.readableBytes > exchange!.bodyLimit {
                    fail(PlainHTTP1Error.bodyTooLarge(limit: exchange!.bodyLimit))
                }
            case .stream(_, let continuation):
                continuation.yield(part)
            }
        case .end:
            finish(context: context)
        }
    }

    private func finish(context: ChannelHandlerContext) {
        guard let done = exchange, let head = done.head else { return }
        exchange = nil
        done.timer?.cancel()
        if head.isKeepAlive, !isClosed, context.channel.isActive {
            onReusable?()
        } else {
            context.close(promise: nil)
        }
        switch done.sink {
        case .collect(let promise):
            promise.succeed(UpstreamResponse(status: Int(head.status.code), headers: head.headers,
                                             body: done.body ?? ByteBuffer()))
        case .stream(_, let continuation):
            continuation.finish()
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        isClosed = true
        onReusable = nil
        fail(PlainHTTP1Error.connectionClosed(beforeResponse: exchange?.receivedAny == false))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset before any byte of the answer is a connection the server had already closed.
        if error is IOError, exchange?.receivedAny == false {
            fail(PlainHTTP1Error.connectionClosed(beforeResponse: true))
        } else {
            fail(error)
        }
        context.close(promise: nil)
    }

    private func timerFired() {
        guard let current = exchange else { return }
        if current.head == nil {
            fail(PlainHTTP1Error.headTimeout)
            return
        }
        let idle = NIODeadline.now() - current.lastRead
        if idle >= current.readTimeout {
            fail(PlainHTTP1Error.readTimeout)
        } else {
            exchange!.timer = context?.eventLoop.scheduleTask(in: current.readTimeout - idle) { [weak self] in self?.timerFired() }
        }
    }

    /// Fails the exchange in progress, if any, and closes the connection: it is no longer in step.
    private func fail(_ error: any Error) {
        guard let failed = exchange else { return }
        exchange = nil
        failed.timer?.cancel()
        isClosed = true
        onReusable = nil
        context?.close(promise: nil)
        Self.fail(failed.sink, error, headReceived: failed.head != nil)
    }

    private static func fail(_ sink: Sink, _ error: any Error, headReceived: Bool) {
        switch sink {
        case .collect(let promise):
            promise.fail(error)
        case .stream(let head, let continuation):
            if !headReceived { head.fail(error) }
            continuation.finish(throwing: error)
        }
    }
}

/// Names one exchange, so a late cancellation never reaches the next request on the same
/// connection; a cancellation that comes before the exchange started is remembered here.
final class PlainHTTP1ExchangeToken: Sendable {
    private let cancelled = Atomic(false)

    var isCancelled: Bool { cancelled.load(ordering: .acquiring) }
    func markCancelled() { cancelled.store(true, ordering: .releasing) }
}
