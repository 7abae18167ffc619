import HummingbirdCore
import NIOHTTPTypes
import NIOCore

/// Holds one connection's place in a `ConnectionLimiter`, closing the connection when there is none.
final class ConnectionLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let limiter: ConnectionLimiter
    private var holdsPlace = false
    private var decided = false

    init(limiter: ConnectionLimiter) {
        self.limiter = limiter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { decide(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        decide(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        giveBack()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        giveBack()
    }

    private func decide(_ context: ChannelHandlerContext) {
        guard !decided else { return }
        decided = true
        if limiter.admit() {
            holdsPlace = true
        } else {
            context.close(promise: nil)
        }
    }

    private func giveBack() {
        if holdsPlace {
            holdsPlace = false
            limiter.release()
        }
    }
}
