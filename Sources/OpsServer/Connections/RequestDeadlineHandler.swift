import HummingbirdCore
import NIOHTTPTypes
import NIOCore

/// Closes a connection whose client is too slow to send a request: the first request head must
/// arrive within `headerTimeout` of the connection opening (a client that opens a socket and sends
/// nothing, or trickles header bytes, holds it no longer), and every request body must end within
/// `bodyTimeout` of its head. Between requests Hummingbird's idle timeout applies; while an answer
/// is produced (a long stream) nothing here runs.
///
/// An answer sent before its request was read whole (a 413 for a body over `max_body_bytes`, a 401
/// before the body) carries `Connection: close` and the connection is closed once it is written:
/// otherwise a client still sending (Python's `urllib` sends the whole body before reading) would
/// wait for the server to swallow the rest of a body it already refused.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var sawHead = false
    /// A request head was read and its end not yet.
    private var readingRequest = false
    /// The answer being written went out before its request was read whole.
    private var answeredEarly = false

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive, !sawHead { arm(context, after: headerTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    func channelActive(context: ChannelHandlerContext) {
        if !sawHead { arm(context, after: headerTimeout) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            sawHead = true
            readingRequest = true
            disarm()
            arm(context, after: bodyTimeout)
        case .body:
            break
        case .end:
            readingRequest = false
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where readingRequest:
            answeredEarly = true
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where answeredEarly:
            answeredEarly = false
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }

    private func arm(_ context: ChannelHandlerContext, after timeout: TimeAmount) {
        guard deadline == nil else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.deadline = nil
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
